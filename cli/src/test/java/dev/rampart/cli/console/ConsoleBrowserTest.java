package dev.rampart.cli.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rampart.alerts.score.MaskFile;
import dev.rampart.alerts.score.MaskSet;
import dev.rampart.cli.Cli;
import dev.rampart.console.Console;
import dev.rampart.console.ConsoleConfig;
import dev.rampart.console.ConsoleServer;
import dev.rampart.policy.CommandRunner;
import dev.rampart.policy.NftablesApplier;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The console in a real headless Chromium (Debian's chromium and chromedriver; Selenium is given
 * both paths, so Selenium Manager never downloads anything): first start, the incidents of a demo
 * run, masking an alert's rule, turning a rule off, and what both changed. Keeps a screenshot of
 * the incidents page in console/target/screenshots/.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String PASSWORD = "browser-test-password";

    @TempDir
    Path tmp;

    @Test
    void operatorLogsInSeesDemoIncidentsMasksOneAndTurnsARuleOff() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: /usr/bin/chromium or /usr/bin/chromedriver missing (apt-get install chromium chromium-driver; .ci/run does)");
        Path journal = tmp.resolve("demo/journal");
        Cli demo = Cli.run("demo", "--journal", journal.toString());
        assertEquals(0, demo.exit, demo.toString());
        assertTrue(demo.out.contains("./rampart console --journal " + journal), demo.out);
        Path rules = tmp.resolve("demo/rules");
        assertTrue(Files.exists(rules.resolve("demo.rules")), "the demo leaves its rules for the console");

        int controlPort;
        try (ServerSocket s = new ServerSocket(0)) {
            controlPort = s.getLocalPort();
        }
        ConsoleConfig cfg = ConsoleConfig.of(journal, tmp.resolve("state")).withPort(0).withRulesDir(rules).withControlPort(controlPort);
        try (Console console = new Console(cfg, new NftablesApplier((argv, in) -> new CommandRunner.Result(1, "", "not in this test"), () -> false));
             ConsoleServer server = new ConsoleServer(console)) {
            String base = "http://127.0.0.1:" + server.start();
            WebDriver d = chromium();
            try {
                d.get(base + "/incidents");
                assertTrue(d.getCurrentUrl().endsWith("/setup"), "first start: " + d.getCurrentUrl());
                d.findElement(By.id("password")).sendKeys(PASSWORD);
                d.findElement(By.id("password2")).sendKeys(PASSWORD);
                d.findElement(By.id("setup")).click();
                waitForPath(d, "/incidents");

                // log out and in again with the password just set
                d.findElement(By.id("logout")).click();
                waitForPath(d, "/login");
                d.findElement(By.id("user")).sendKeys("admin");
                d.findElement(By.id("password")).sendKeys("not the password");
                d.findElement(By.id("login")).click();
                assertTrue(d.findElement(By.id("notice")).getText().contains("wrong user name or password"));
                d.findElement(By.id("user")).sendKeys("admin");
                d.findElement(By.id("password")).sendKeys(PASSWORD);
                d.findElement(By.id("login")).click();
                waitForPath(d, "/incidents");

                // the demo run's incident and its alerts, with the charts
                List<WebElement> incidents = d.findElements(By.cssSelector("table#incidents tr.incident"));
                assertEquals(1, incidents.size(), d.getPageSource());
                assertEquals("11", d.findElement(By.id("alert-total")).getText());
                assertTrue(incidents.get(0).getText().contains("203.0.113.66"), incidents.get(0).getText());
                assertTrue(d.findElement(By.id("chart-timeline")).isDisplayed());
                assertEquals(10, d.findElements(By.cssSelector("#chart-rules rect")).size(), "ten top rules of eleven");
                Path shots = Path.of(System.getProperty("rampart.console.screenshots", "../console/target/screenshots"));
                Files.createDirectories(shots);
                File shot = ((ChromeDriver) d).getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), shots.resolve("incidents.png"), StandardCopyOption.REPLACE_EXISTING);
                assertTrue(Files.size(shots.resolve("incidents.png")) > 1000);

                // open the incident, mask the rule of its first alert
                incidents.get(0).findElement(By.tagName("a")).click();
                WebElement first = d.findElement(By.cssSelector("table#alerts tr.alert"));
                String sid = first.getAttribute("data-sid");
                first.findElement(By.cssSelector("button.mask-sid")).click();
                assertTrue(d.findElement(By.id("notice")).getText().contains("masked: sid " + sid), d.getPageSource());
                for (WebElement row : d.findElements(By.cssSelector("table#alerts tr.alert[data-sid='" + sid + "']"))) {
                    assertTrue(row.getAttribute("class").contains("masked"), row.getText());
                }
                List<MaskSet.Mask> masks = MaskFile.read(tmp.resolve("state/masks"));
                assertEquals(1, masks.size());
                assertEquals(Long.parseLong(sid), masks.get(0).sid());

                // turn another alert's rule off from its detail page
                WebElement other = d.findElement(By.cssSelector("table#alerts tr.alert:not(.masked)"));
                String offSid = other.getAttribute("data-sid");
                other.findElement(By.tagName("a")).click();
                assertTrue(d.findElement(By.id("rule-text")).getText().contains("sid:" + offSid), "the rule's text is shown");
                assertEquals("on", d.findElement(By.id("rule-state")).getText());
                d.findElement(By.id("rule-toggle")).click();
                String notice = d.findElement(By.id("notice")).getText();
                assertTrue(notice.contains("saved in") && notice.contains("not reachable"), notice);
                assertEquals("off", d.findElement(By.id("rule-state")).getText());
                assertTrue(Files.readAllLines(tmp.resolve("state/disable.conf")).contains("1:" + offSid));

                // the effect: hiding masked alerts drops the masked rule's alerts; the rule is listed as off
                d.get(base + "/alerts?hideMasked=on&sid=" + sid);
                assertEquals("0", d.findElement(By.id("total")).getText());
                d.get(base + "/rules");
                assertEquals(1, d.findElements(By.cssSelector("#disabled-rules tr[data-sid='" + offSid + "']")).size());
                d.get(base + "/audit");
                String audit = d.findElement(By.id("audit")).getText();
                assertTrue(audit.contains("mask") && audit.contains("sid:" + sid), audit);
                assertTrue(audit.contains("rule-off") && audit.contains("sid:" + offSid), audit);
            } finally {
                d.quit();
            }
        }
    }

    /** Waits (up to 30 s: password hashing is slow on purpose) until the browser shows this path. */
    private static void waitForPath(WebDriver d, String path) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            String url = d.getCurrentUrl();
            if (url != null && java.net.URI.create(url).getPath().equals(path)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + path + ", browser at " + d.getCurrentUrl() + "\n" + d.getPageSource());
    }

    private WebDriver chromium() throws Exception {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().implicitlyWait(Duration.ofSeconds(20));
        return d;
    }
}
