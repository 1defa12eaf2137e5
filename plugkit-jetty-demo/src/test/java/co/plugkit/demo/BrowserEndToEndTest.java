package co.plugkit.demo;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.testing.MissingOnThisMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoSuchWindowException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver})
 * opens the demo started with no configuration at all (sandbox mode), creates a profile, connects a sandbox
 * account through the popup, cancels once, tries a fault switch, asks for a refresh, registers the demo as
 * a webhook receiver and sends a DM from the sandbox's apps page (the {@code instagram.message} event arrives
 * with a valid signature), plays Meta on the sandbox's apps page (Remove app: the account shows
 * disconnected), and disconnects; then, on a demo whose
 * connects expire after 8 seconds, an account that is not an Instagram Tester gets Instagram's error page and
 * the page's connect status turns expired with the hint. Screenshots go to
 * {@code target/browser-screenshots/} (and, with {@code -Dplugkit.docsImages=DIR}, the documentation
 * images to DIR); on failure the page is captured there too.
 *
 * <p>Without Chromium the test is skipped with a loud message, except when {@code CI=true}: CI must never
 * skip it silently, so there it fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserEndToEndTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("plugkit.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("plugkit.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static DemoServer demo;
    private static ChromeDriver driver;
    private static Path dataDir;
    private static Path profileDir;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                for (String handle : driver.getWindowHandles()) {
                    driver.switchTo().window(handle);
                    screenshot("failure-" + context.getRequiredTestMethod().getName() + "-" + handle.hashCode());
                }
            }
        }
    };

    @BeforeAll
    static void startDemoAndBrowser() throws Exception {
        requireChromium();
        dataDir = Files.createTempDirectory("plugkit-browser-data");
        profileDir = Files.createTempDirectory("plugkit-chromium-profile");
        // No configuration at all: the demo must start in sandbox mode.
        demo = DemoServer.createServer(
                0,
                new HashMap<>(),
                dataDir,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        demo.start();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,1000",
                "--user-data-dir=" + profileDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(WAIT);
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (demo != null) {
            demo.close();
        }
        for (Path dir : new Path[] {dataDir, profileDir}) {
            if (dir != null) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @Order(1)
    void connectsASandboxAccountThroughThePopup() {
        driver.get(demo.publicUrl() + "/");
        Wait<WebDriver> wait = waitFor();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-hint"), "Filled in"));
        assertThat(driver.findElement(By.id("mode")).getText()).isEqualTo("Sandbox mode");
        // "Use key" on the key the demo filled in keeps saying where the key came from.
        driver.executeScript("document.getElementById('key-hint').textContent = ''");
        driver.findElement(By.id("use-key")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-hint"), "Filled in"));

        driver.findElement(By.id("create-profile")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect")));

        String main = driver.getWindowHandle();
        String popup = openPopup(main);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
        assertThat(driver.getCurrentUrl()).contains("/sandbox/instagram/oauth/authorize?");
        assertThat(driver.findElement(By.id("permissions")).getText()).contains("instagram_business_basic");
        driver.findElement(By.cssSelector("#developer-options summary")).click(); // show the fault switches too
        driver.manage().window().setSize(new Dimension(600, 1500)); // the whole page in one screenshot
        screenshot("sandbox-authorization-page");
        driver.findElement(By.id("account-acme_coffee")).click();
        clickAndLeave(By.id("allow"), main);

        assertThat(acmeCell(".status")).isEqualTo("active");
        assertThat(acmeCell(".profile-name")).isEqualTo("My first customer");
        assertThat(acmeCell(".expiry")).containsPattern("in (59|60) days");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "@acme_coffee is connected"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-status-state"), "connected"));
        assertThat(driver.getWindowHandles()).doesNotContain(popup);
        waitForPictures();
        screenshot("demo-accounts-table");
        assertThat(driver.findElements(By.cssSelector("#log li"))).hasSizeGreaterThanOrEqualTo(4);
        assertThat(driver.findElement(By.id("log")).getText()).contains("curl -s", "/v1/connect/instagram?profileId=");
    }

    @Test
    @Order(2)
    void cancelEndsOnAccessDenied() {
        Wait<WebDriver> wait = waitFor();
        String main = driver.getWindowHandle();
        openPopup(main);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("cancel")));
        clickAndLeave(By.id("cancel"), main);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "access_denied"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("connect-status-state"), "failed"));
        assertThat(driver.findElement(By.id("connect-status-detail")).getText()).startsWith("access_denied");
        assertThat(driver.findElement(By.id("notice")).getText()).contains("Access was not granted");
        assertThat(accountRows()).hasSize(1);
    }

    @Test
    @Order(3)
    void aRevokedTokenFaultEndsOnPlugKitsError() {
        Wait<WebDriver> wait = waitFor();
        String main = driver.getWindowHandle();
        openPopup(main);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
        driver.findElement(By.cssSelector("#developer-options summary")).click();
        assertThat(driver.findElement(By.id("fault-none")).isSelected()).isTrue();
        driver.findElement(By.id("account-luna.creates")).click();
        driver.findElement(By.id("fault-revoked_token")).click();
        clickAndLeave(By.id("allow"), main);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "instagram_rejected"));
        assertThat(accountRows()).hasSize(1);
    }

    @Test
    @Order(4)
    void refreshTokenIsAnApiCallAndATooNewTokenIsExplained() {
        Wait<WebDriver> wait = waitFor();
        assertThat(acmeCell(".last-refreshed")).isEqualTo("never");
        waitFor().until(d -> {
            acmeRow().findElement(By.cssSelector(".refresh")).click();
            return true;
        });
        // The sandbox, like Instagram, refreshes a token only once it is 24 hours old.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "token_too_new"));
        assertThat(driver.findElement(By.id("log")).getText()).contains("curl -s -X POST", "/refresh");
    }

    @Test
    @Order(5)
    void publishesASandboxPostThroughTheTryTheApiPanel() {
        Wait<WebDriver> wait = waitFor();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try-api")));
        assertThat(driver.findElement(By.id("try-account")).getText()).contains("@acme_coffee");
        WebElement caption = driver.findElement(By.id("try-caption"));
        caption.clear();
        caption.sendKeys("Fresh roast, published from the browser test");
        driver.findElement(By.id("try-publish")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Published media"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("try-media"), "Fresh roast, published from the browser test"));
        String published = driver.findElement(By.id("notice")).getText().replaceAll(".*Published media (\\d+).*", "$1");
        assertThat(driver.findElement(By.cssSelector("#try-media li")).getAttribute("data-media-id"))
                .as("the newest post first")
                .isEqualTo(published);
        assertThat(driver.findElement(By.id("try-curl")).getText())
                .contains("curl -s -X POST", "/instagram/17841400000000101/media", "/media_publish", "creation_id")
                .contains("/instagram/me/media")
                .doesNotContain("access_token");
        screenshot("demo-try-the-api");

        driver.findElement(By.id("try-list-media")).click();
        wait.until(d -> d.findElements(By.cssSelector("#try-curl li")).size() == 1);
        assertThat(driver.findElements(By.cssSelector("#try-media li"))).hasSize(2);
    }

    @Test
    @Order(6)
    void aSandboxDmArrivesInTheDemosWebhookListWithAValidSignature() {
        Wait<WebDriver> wait = waitFor();
        driver.findElement(By.id("register-webhooks")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "Registered we_"));
        assertThat(driver.findElement(By.id("webhook-endpoint")).getText())
                .contains(demo.publicUrl() + "/demo/webhooks/receiver");
        assertThat(driver.findElement(By.id("log")).getText()).contains("curl -s -X POST", "/v1/webhook-endpoints");
        assertThat(driver.getPageSource()).doesNotContain("whsec_");

        // @acme_coffee, connected in step 1, is still connected: the sandbox plays Instagram sending a DM.
        String main = driver.getWindowHandle();
        Set<String> before = driver.getWindowHandles();
        driver.findElement(By.id("sandbox-apps")).click();
        wait.until(d -> d.getWindowHandles().size() > before.size());
        String apps = driver.getWindowHandles().stream()
                .filter(h -> !before.contains(h))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(apps);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send-dm-acme_coffee")))
                .click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-result")));
        assertThat(result.getText()).contains("PlugKit accepted the webhook", "instagram.message");
        assertThat(driver.findElement(By.id("webhook-payload")).getText())
                .contains("\"object\":\"instagram\"", "\"messaging\"", "17841400000000101");
        screenshot("sandbox-webhook-sent");
        driver.close();
        driver.switchTo().window(main);

        // PlugKit turns it into an instagram.message event and delivers it to the demo's receiver; the
        // page polls the receiver's list. Deliveries are retried, so allow for a busy machine.
        WebElement event = new WebDriverWait(driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(
                        By.cssSelector("#webhook-events li[data-type='instagram.message']")));
        waitFor()
                .until(d -> d.findElement(By.cssSelector("#webhook-events li[data-type='instagram.message'] .check"))
                        .getText()
                        .equals("signature valid"));
        assertThat(event.getAttribute("data-webhook-id")).startsWith("evt_");
        assertThat(driver.findElement(By.id("no-webhook-events")).isDisplayed()).isFalse();
        screenshot("demo-webhook-events");
    }

    @Test
    @Order(7)
    void removeAppInTheSandboxEndsDisconnected() {
        Wait<WebDriver> wait = waitFor();
        String main = driver.getWindowHandle();
        Set<String> before = driver.getWindowHandles();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sandbox-apps")))
                .click();
        wait.until(d -> d.getWindowHandles().size() > before.size());
        String apps = driver.getWindowHandles().stream()
                .filter(h -> !before.contains(h))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(apps);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("remove-app-acme_coffee")))
                .click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback-result")));
        assertThat(result.getText()).contains("PlugKit acknowledged the deauthorize callback");
        driver.manage().window().setSize(new Dimension(600, 1500));
        screenshot("sandbox-apps-page");
        driver.close();
        driver.switchTo().window(main);

        driver.findElement(By.id("reload-accounts")).click();
        waitFor()
                .until(d -> acmeRow()
                        .findElement(By.cssSelector(".status"))
                        .getText()
                        .equals("disconnected"));
        assertThat(acmeCell(".status-reason")).contains("removed on Instagram", "(deauthorized)");
    }

    @Test
    @Order(8)
    void thePageFitsAPhoneAndHasAFavicon() {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            driver.navigate().refresh();
            waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-hint"), "Filled in"));
            waitFor().until(d -> acmeCell(".status").equals("disconnected"));
            waitForPictures();
            assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue())
                    .isEqualTo(390);
            Number pageWidth = (Number) driver.executeScript(
                    "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
            screenshot("demo-phone-390px");
            assertThat(pageWidth.intValue())
                    .as("the page scrolls sideways on a 390 px phone")
                    .isLessThanOrEqualTo(390);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        Object favicon = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var href = document.querySelector('link[rel=icon]').href;"
                + "fetch(href).then(r => done(r.status + ' ' + r.headers.get('Content-Type')));");
        assertThat(favicon).isEqualTo("200 image/svg+xml");
    }

    @Test
    @Order(9)
    void disconnectEmptiesTheTable() {
        Wait<WebDriver> wait = waitFor();
        driver.findElement(By.cssSelector("#accounts .disconnect")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "was disconnected"));
        wait.until(d -> accountRows().isEmpty());
    }

    @Test
    @Order(10)
    void anAccountThatIsNotATesterNeverComesBackAndTheConnectExpiresWithTheHint() throws Exception {
        // A demo of its own whose connects expire after 8 seconds, so the test need not wait 10 minutes.
        Path data = Files.createTempDirectory("plugkit-browser-data-ttl");
        HashMap<String, String> env = new HashMap<>();
        env.put("PLUGKIT_CONNECT_STATE_TTL_SECONDS", "8");
        try (DemoServer shortLived = DemoServer.createServer(
                0, env, data, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            shortLived.start();
            driver.get(shortLived.publicUrl() + "/");
            Wait<WebDriver> wait = waitFor();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("key-hint"), "Filled in"));
            driver.findElement(By.id("create-profile")).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.id("connect")));

            String main = driver.getWindowHandle();
            openPopup(main);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("allow")));
            driver.findElement(By.id("account-sam_not_a_tester")).click();
            driver.findElement(By.id("allow")).click();
            // Instagram's own page, and no redirect back: the popup stays there
            wait.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("sandbox-error"), "Insufficient Developer Role"));
            assertThat(driver.getCurrentUrl()).contains("/sandbox/instagram/oauth/authorize");
            driver.close();
            driver.switchTo().window(main);

            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .ignoring(StaleElementReferenceException.class)
                    .until(ExpectedConditions.textToBePresentInElementLocated(
                            By.id("connect-status-state"), "expired"));
            assertThat(driver.findElement(By.id("connect-status-detail")).getText())
                    .startsWith("no_callback");
            assertThat(driver.findElement(By.id("connect-status-hint")).getText())
                    .contains("Instagram Tester", "Business or Creator", "redirect URI");
            screenshot("demo-connect-expired");
            assertThat(accountRows()).isEmpty();
        } finally {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Clicks Connect and switches to the popup it opens. */
    private static String openPopup(String main) {
        Set<String> before = driver.getWindowHandles();
        driver.findElement(By.id("connect")).click();
        waitFor().until(d -> d.getWindowHandles().size() > before.size());
        String popup = driver.getWindowHandles().stream()
                .filter(h -> !before.contains(h))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(popup);
        return popup;
    }

    /** Clicks a button in the popup, goes back to the main window, and waits for the popup to close itself. */
    private static void clickAndLeave(By button, String main) {
        try {
            driver.findElement(button).click();
        } catch (NoSuchWindowException e) {
            // The popup closed itself right after the callback page answered: that is the point.
        }
        driver.switchTo().window(main);
        waitFor().until(d -> d.getWindowHandles().size() == 1);
    }

    /**
     * A wait that looks again when the page has re-rendered an element it had found: the accounts table is
     * rebuilt whenever the page reloads the list, so any row can go stale between finding and reading it.
     */
    private static Wait<WebDriver> waitFor() {
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class);
    }

    /** The text of a cell of the @acme_coffee row, read from the table as it is once the row is there. */
    private static String acmeCell(String css) {
        return waitFor().until(d -> acmeRow().findElement(By.cssSelector(css)).getText());
    }

    private static WebElement acmeRow() {
        return driver.findElement(By.xpath("//table[@id='accounts']//tr[.//strong[text()='@acme_coffee']]"));
    }

    private static List<WebElement> accountRows() {
        return driver.findElements(By.cssSelector("#accounts tbody tr"));
    }

    private static void waitForPictures() {
        waitFor()
                .until(
                        d -> Boolean.TRUE.equals(
                                driver.executeScript(
                                        "return Array.from(document.querySelectorAll('#accounts img')).every(i => i.complete && i.naturalWidth > 0)")));
    }

    private static void screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
            Optional<String> docs = Optional.ofNullable(System.getProperty("plugkit.docsImages"));
            if (docs.isPresent() && !name.startsWith("failure-")) {
                Files.createDirectories(Path.of(docs.get()));
                Files.write(Path.of(docs.get(), name + ".png"), png);
            }
        } catch (IOException e) {
            System.err.println("Could not save screenshot " + name + ": " + e);
        }
    }

    /** Skips loudly without Chromium; fails on CI, which must always run this test. */
    private static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "The real-browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver).";
        MissingOnThisMachine.skipOrFail(
                "BrowserEndToEndTest", message + " See README.md, 'The browser test', to run it.");
    }
}
