package io.kinglet.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian's, through its chromedriver) against the
 * exported launcher: its password, the overview against the health endpoint, CSRF. Screenshots go
 * to target/screenshots for a person to look at.
 */
class WebConsoleTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    static final OtaSetup setup = OtaSetup.create();

    private static KingletProcess kinglet;
    private static ChromeDriver browser;
    private static String password;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            System.err.println("[WebConsoleTest] no browser to test with: apt-get install chromium chromium-driver");
            Assumptions.abort("no " + CHROMIUM + " or " + CHROMEDRIVER + ": apt-get install chromium chromium-driver");
        }
        kinglet = setup.runtime(2).start();
        password =
                Files.readString(kinglet.stateDir().resolve("console/password")).strip();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (kinglet != null) {
            kinglet.close();
        }
    }

    private URI console(String path) {
        return kinglet.baseUri().resolve("/system/console" + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String user, String secret)
            throws IOException, InterruptedException {
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The operator's credentials on every request of the browser, as it sends them once told (Basic). */
    private static void login() {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand(
                "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + basic)));
    }

    private static void screenshot(String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theConsoleNeedsItsPasswordAndSaysNothingOfAWrongOne() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(console("/kinglet")), null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(send(HttpRequest.newBuilder(console("/kinglet")), "admin", "admin")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(console("/kinglet")), "admin", "not-" + password)
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> page = send(HttpRequest.newBuilder(console("/kinglet")), "admin", password);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("kinglet-health");
        assertThat(kinglet.log())
                .contains("Console: /system/console for user 'admin', password in")
                .contains("Console: failed login as 'admin' from 127.0.0.1")
                .doesNotContain("not-" + password);
    }

    @Test
    void theOverviewShowsTheHealthChecksTheEndpointReports() throws Exception {
        List<String> expected = new ArrayList<>();
        JsonNode health = JSON.readTree(kinglet.get("/health").body());
        health.get("results").forEach(r -> expected.add(r.get("name").asText()));

        login();
        browser.get(console("/kinglet").toString());
        try {
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> d.findElements(By.cssSelector("#kinglet-health tbody tr"))
                                    .size()
                            >= expected.size());
        } finally {
            screenshot("overview");
        }

        List<String> shown = browser.findElements(By.cssSelector("#kinglet-health tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-check"))
                .toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(expected);
        WebElement version = browser.findElement(By.id("kinglet-version"));
        assertThat(version.getText()).isNotBlank();
    }

    /** The state of deployment {@code id} as the Updates page shows it, once it is there. */
    private static String shownState(String id) {
        List<org.openqa.selenium.WebElement> rows =
                browser.findElements(By.cssSelector("#kinglet-history tr[data-deployment='" + id + "']"));
        return rows.isEmpty() ? "" : rows.get(0).getDomAttribute("data-state");
    }

    private static String newestShown() {
        List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector("#kinglet-history tbody tr"));
        return rows.isEmpty() ? "" : rows.get(0).getDomAttribute("data-deployment");
    }

    @Test
    void aBundleUploadedThroughTheFormIsCommittedAndTheRollbackButtonRollsItBack() throws Exception {
        Path bundle = setup.demo("io.kinglet.demo", "1.0.1");
        login();
        browser.get(console("/kinglet-updates").toString());
        // the page rebuilds its table every two seconds: an element found may be gone a moment later
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(d -> d.findElement(By.id("kinglet-probation")).getText().contains("probation"));
        String before = newestShown();

        browser.findElement(By.id("kinglet-bundle"))
                .sendKeys(bundle.toAbsolutePath().toString());
        browser.findElement(By.id("kinglet-upload")).click();
        wait.until(
                d -> !newestShown().equals(before) && shownState(newestShown()).equals("committed"));
        String uploaded = newestShown();
        String row =
                wait.until(d -> d.findElement(By.cssSelector("#kinglet-history tr[data-deployment='" + uploaded + "']"))
                        .getText());
        assertThat(row).contains("io.kinglet.demo 1.0.1").contains("probation").contains("committed");
        assertThat(OtaSetup.served(kinglet, "io.kinglet.demo")).isEqualTo("io.kinglet.demo 1.0.1");
        screenshot("updates");

        browser.findElement(By.id("kinglet-rollback")).click();
        wait.until(d ->
                !newestShown().equals(uploaded) && shownState(newestShown()).equals("committed"));
        assertThat(OtaSetup.served(kinglet, "io.kinglet.demo")).isNotEqualTo("io.kinglet.demo 1.0.1");
        screenshot("updates-rolled-back");
    }

    @Test
    void aChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpRequest.Builder post = HttpRequest.newBuilder(console("/kinglet"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=anything"));
        assertThat(send(post, "admin", password).statusCode()).isEqualTo(403);
        assertThat(send(post.copy().header("X-Kinglet-Csrf", "guessed"), "admin", password)
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(post.copy().header("Origin", "http://evil.example"), "admin", password)
                        .statusCode())
                .isEqualTo(403);
        assertThat(kinglet.log()).contains("Console: POST /system/console/kinglet from 127.0.0.1 refused");
    }
}
