package io.kinglet.console.internal;

import dev.failsafe.RateLimiter;
import io.kinglet.boot.KingletDirectories;
import io.kinglet.boot.LocalTransport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every console request, page or action: HTTPS unless it comes from the device itself; the user and
 * password (HTTP Basic) checked against {@link ConsolePassword}, with attempts from one address
 * limited per minute and each failure logged without the password; and a changing request (POST, PUT,
 * DELETE) refused unless it carries the console's CSRF token or comes from the console's own pages
 * (its Origin). The launcher names this provider as required, so the console never falls back to
 * Felix's own admin/admin.
 */
@Component(service = SecurityProvider.class, property = SecurityProvider.PROPERTY_ID + "=" + ConsoleSecurity.ID)
@Designate(ocd = ConsoleConfiguration.class)
public class ConsoleSecurity implements SecurityProvider {

    static final String ID = "kinglet";
    static final String PID = "io.kinglet.console";
    /** Where a page finds the token for its forms and requests. */
    static final String CSRF_ATTRIBUTE = "kinglet.console.csrf";

    /** Who made the request, for the pages' log lines (the console does not set the remote user). */
    static final String USER_ATTRIBUTE = "kinglet.console.user";

    static final String CSRF_HEADER = "X-Kinglet-Csrf";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSecurity.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final int ADDRESSES = 1024;

    private final String username;
    private final ConsolePassword password;
    private final int attemptsPerMinute;
    private final String csrf;
    /**
     * Each address's login budget, the {@value #ADDRESSES} most recent addresses only: many addresses
     * must not grow the heap of a small device without end. One pushed out starts a new budget.
     */
    private final Map<String, RateLimiter<Object>> attempts =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, RateLimiter<Object>> eldest) {
                    return size() > ADDRESSES;
                }
            });
    /** SHA-256 of Authorization headers that passed: a browser sends one with every request. */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    @Activate
    public ConsoleSecurity(ConsoleConfiguration config, BundleContext context) throws IOException {
        this.username = config.username();
        this.attemptsPerMinute = config.failedLoginsPerMinute();
        this.password = ConsolePassword.of(
                config.passwordHash(),
                KingletDirectories.state(context).resolve("console").resolve("password"));
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        if (password.generated() != null) {
            LOG.info(
                    "Console: /system/console for user '{}', password in {} (generated; set passwordHash in {} to"
                            + " choose one)",
                    username,
                    password.generated(),
                    PID);
        }
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (!LocalTransport.allowed(request.isSecure(), request.getRemoteAddr())) {
                response.sendError(403, "the console is served over HTTPS only, beyond the device itself");
                return null;
            }
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                challenge(response);
                return null;
            }
            String key = Base64.getEncoder().encodeToString(ConsolePassword.sha256(header));
            if (!accepted.contains(key) && !login(header, request.getRemoteAddr(), response)) {
                return null;
            }
            accepted.add(key);
            if (!SAFE.contains(request.getMethod()) && !csrfOk(request)) {
                LOG.warn(
                        "Console: {} {} from {} refused: neither the CSRF token nor the console's own origin",
                        request.getMethod(),
                        request.getRequestURI(),
                        request.getRemoteAddr());
                response.sendError(403, "a changing request needs the console's CSRF token (" + CSRF_HEADER + ")");
                return null;
            }
            request.setAttribute(CSRF_ATTRIBUTE, csrf);
            request.setAttribute(USER_ATTRIBUTE, username);
            return username;
        } catch (IOException e) {
            return null;
        }
    }

    private boolean login(String header, String address, HttpServletResponse response) throws IOException {
        RateLimiter<Object> budget = attempts.computeIfAbsent(
                address,
                a -> RateLimiter.burstyBuilder(attemptsPerMinute, Duration.ofMinutes(1))
                        .build());
        if (!budget.tryAcquirePermit()) {
            LOG.warn("Console: login from {} refused: more than {} attempts this minute", address, attemptsPerMinute);
            response.sendError(429, "too many login attempts; wait a minute");
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        String given = colon < 0 ? "" : decoded.substring(colon + 1);
        boolean userOk = MessageDigest.isEqual(ConsolePassword.sha256(user), ConsolePassword.sha256(username));
        if (password.matches(given) && userOk) {
            LOG.info("Console: '{}' logged in from {}", username, address);
            return true;
        }
        LOG.warn("Console: failed login as '{}' from {}", user.replaceAll("[^\\w.@-]", "?"), address);
        challenge(response);
        return false;
    }

    /** The token, or the console's own origin (a browser sends Origin with every POST). */
    private boolean csrfOk(HttpServletRequest request) {
        // a header, never a body parameter: reading the body here would take it from the page's servlet
        String token = request.getHeader(CSRF_HEADER);
        if (token != null
                && MessageDigest.isEqual(
                        token.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        return origin != null && host != null && origin.equals(request.getScheme() + "://" + host);
    }

    private static void challenge(HttpServletResponse response) throws IOException {
        response.setHeader("WWW-Authenticate", "Basic realm=\"Kinglet\", charset=\"UTF-8\"");
        response.sendError(401, "the console needs its user and password");
    }

    @Override
    public boolean authorize(Object user, String role) {
        // one operator, who may do everything the console offers
        return user != null;
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        // Basic credentials live in the browser until it is closed; nothing is kept here
    }
}
