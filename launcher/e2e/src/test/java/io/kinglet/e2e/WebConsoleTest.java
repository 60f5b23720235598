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
 * exported launcher: its password, the overview against the health endpoint, an upload and a
 * rollback, a simulated sensor change in the plot, the LED preview and its play and stop, the
 * services that are off, a phone's screen, CSRF. Screenshots go to target/screenshots for a person
 * to look at; the browser's own figures (page load, LED preview rate) are printed.
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
        kinglet = setup.runtime(2)
                .configFile(
                        "io.kinglet.sensehat.alert-hot.cfg",
                        "name = too hot\nquantity = temperature\nmax = 30\n" + "hysteresis = 1\ndurationSeconds = 2\n")
                .start();
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
        // the watchdog's word on the last reboot: this runtime's state directory is new
        assertThat(browser.findElement(By.id("kinglet-last-reboot")).getText()).contains("first start");
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

    /** The temperature series of the Sensors page's plot, as uPlot holds it (null: not drawn yet). */
    @SuppressWarnings("unchecked")
    private static List<Number> plottedTemperature() {
        return (List<Number>) browser.executeScript(
                "var p = window.kingletPlots && window.kingletPlots.temperature;" + " return p ? p.data[1] : null;");
    }

    @Test
    void aSimulatedSensorChangeAppearsInThePlot() throws Exception {
        login();
        browser.get(console("/kinglet-sensors").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45));
        wait.until(d -> plottedTemperature() != null);
        wait.ignoring(StaleElementReferenceException.class);
        String alert = wait.until(d -> d.findElement(By.cssSelector("#kinglet-alerts tr[data-alert='too hot']"))
                .getText());
        assertThat(alert).contains("temperature").contains("up to 30 °C").endsWith("ok");

        kinglet.shell("sim:set temperature 35");
        // the reader samples every 10 s; the page asks every 2 s for what came since
        wait.until(d -> {
            List<Number> values = plottedTemperature();
            Number last = values.get(values.size() - 1);
            return last != null && Math.abs(last.doubleValue() - 35) < 0.5;
        });
        // raised once two samples 2 s apart are above 30: at most two intervals
        wait.until(d -> d.findElement(By.cssSelector("#kinglet-alerts tr[data-alert='too hot']"))
                .getText()
                .contains("RAISED: too hot: temperature"));
        assertThat(browser.findElement(By.id("kinglet-chart-humidity")).isDisplayed())
                .isTrue();
        screenshot("sensors");
        kinglet.shell("sim:set temperature 22");
    }

    private static String ledShown() {
        return (String) browser.executeScript("return window.kingletLed ? window.kingletLed.pixels : '';");
    }

    @Test
    void theLedPreviewFollowsLedPlayAndThePageCanPlayAndStop() throws Exception {
        kinglet.shell("led:stop");
        login();
        browser.get(console("/kinglet-led").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> ledShown().matches("(00)+"));
        assertThat(browser.findElements(By.cssSelector("#kinglet-led-animations tr[data-animation='rainbow']")))
                .hasSize(1);

        kinglet.shell("led:play rainbow speed=2");
        wait.until(d -> !ledShown().matches("(00)+")
                && d.findElement(By.id("kinglet-led-playing")).getText().startsWith("rainbow"));
        String first = ledShown();
        wait.until(d -> !ledShown().equals(first));
        Thread.sleep(2000);
        long fps = (Long) browser.executeScript("return window.kingletLed.fps;");
        System.out.println("[WebConsoleTest] LED preview in the browser: " + fps + " frames in the last second");
        assertThat(fps).isPositive();
        screenshot("led");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("kinglet-led-animation")))
                .selectByValue("pulse");
        browser.findElement(By.id("kinglet-led-parameters")).sendKeys("color=00ff00 period=1");
        browser.findElement(By.id("kinglet-led-play")).click();
        wait.until(d -> d.findElement(By.id("kinglet-led-playing")).getText().startsWith("pulse"));
        assertThat(kinglet.shell("led:status")).contains("pulse color=00ff00 period=1");
        wait.until(d -> kinglet.log().contains("Console: admin played pulse color=00ff00 period=1"));

        browser.findElement(By.id("kinglet-led-parameters")).clear();
        browser.findElement(By.id("kinglet-led-parameters")).sendKeys("period");
        browser.findElement(By.id("kinglet-led-play")).click();
        wait.until(d -> d.findElement(By.id("kinglet-led-error")).getText().contains("'period' is not a parameter"));

        browser.findElement(By.id("kinglet-led-stop")).click();
        wait.until(d -> d.findElement(By.id("kinglet-led-playing")).getText().equals("nothing (dark)"));
        wait.until(d -> ledShown().matches("(00)+"));
    }

    @Test
    void theServicesPageSaysWhatIsOffAndWhichFileTurnsItOn() throws Exception {
        login();
        browser.get(console("/kinglet-services").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        String telemetry = wait.until(d -> d.findElement(By.cssSelector("section[data-service='telemetry']"))
                .getText());
        assertThat(telemetry).contains("OFF").contains("io.kinglet.telemetry.cfg");
        String ble = wait.until(d ->
                d.findElement(By.cssSelector("section[data-service='ble']")).getText());
        assertThat(ble).contains("the BLE provisioner is off");
        String breaks = wait.until(d -> d.findElement(By.cssSelector("section[data-service='addetect']"))
                .getText());
        assertThat(breaks).contains("the ad-break detector is off");
        screenshot("services");
    }

    @Test
    void onAPhoneTheOverviewAndLedPagesFitTheScreen() throws Exception {
        login();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            // each page and an element its script fills in once the first data has come
            Map<String, String> pages = Map.of("kinglet", "kinglet-version", "kinglet-led", "kinglet-led-playing");
            for (String page : pages.keySet()) {
                browser.get(console("/" + page).toString());
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
                    String text = d.findElement(By.id(pages.get(page))).getText();
                    return !text.isBlank() && !text.equals("?");
                });
                screenshot("phone-" + page);
                long overflow = (Long) browser.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(overflow)
                        .as("%s wider than the phone's screen", page)
                        .isLessThanOrEqualTo(0);
            }
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** Each Kinglet page in the browser, with the element its script fills in from its JSON. */
    private static final Map<String, String> PAGES = Map.of(
            "kinglet", "#kinglet-health tbody tr",
            "kinglet-updates", "#kinglet-committed:not(:empty)",
            "kinglet-sensors", "#kinglet-chart-temperature canvas",
            "kinglet-led", "#kinglet-led-animations tbody tr",
            "kinglet-services", "section[data-service]");

    @Test
    void everyPageLoadsItsDataAndItsTimeIsPrinted() throws Exception {
        login();
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            browser.get(console("/" + page.getKey()).toString());
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector(page.getValue())).isEmpty());
            // the navigation's own timing: the HTML with Felix's frame, scripts and styles, not the data
            Number load = (Number) browser.executeScript(
                    "var n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;");
            System.out.printf(
                    "[WebConsoleTest] %s loaded in %.0f ms in the browser%n", page.getKey(), load.doubleValue());
            screenshot("page-" + page.getKey());
        }
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
