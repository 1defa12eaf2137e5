package co.plugkit.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian's {@code /usr/bin/wrk}) against one URL and reads its requests per second. */
final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    private Wrk() {}

    static boolean available() {
        return new java.io.File(binary()).canExecute();
    }

    static String binary() {
        return System.getProperty("bench.wrk", "/usr/bin/wrk");
    }

    static double requestsPerSecond(URI url, String apiKey, int threads, int connections, int seconds) {
        List<String> cmd = new ArrayList<>(
                List.of(binary(), "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
        if (apiKey != null) {
            cmd.addAll(List.of("-H", "Authorization: Bearer " + apiKey));
        }
        cmd.add(url.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher errors = NON_2XX.matcher(out);
            if (errors.find() && Long.parseLong(errors.group(1)) > 0) {
                throw new IllegalStateException("wrk saw error answers from " + url.getPath() + ":\n" + out);
            }
            Matcher m = RATE.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("wrk printed no rate:\n" + out);
            }
            return Double.parseDouble(m.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + binary(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
