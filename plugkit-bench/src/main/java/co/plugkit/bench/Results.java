package co.plugkit.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one benchmark command, printed and kept as JSON in {@code plugkit-bench/target/results/},
 * where {@code report} collects them into docs/performance.md and the plot.
 */
final class Results {
    static final Path DIR = Path.of(System.getProperty("bench.results", "plugkit-bench/target/results"));
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String benchmark;
    private final String file;
    private final String command;
    private final List<Result> results = new ArrayList<>();

    Results(String benchmark, String command) {
        this(benchmark, "", command);
    }

    /** With a {@code tag}, a second run of one benchmark (other parameters) keeps its own file. */
    Results(String benchmark, String tag, String command) {
        this.benchmark = benchmark;
        this.file = tag.isEmpty() ? benchmark : benchmark + "-" + tag;
        this.command = command + (tag.isEmpty() ? "" : " --tag=" + tag);
        System.out.printf("== %s (load average %.2f)%n", benchmark, loadAverage());
    }

    void add(String metric, double value, String unit, String baseline, double baselineValue, boolean higherIsBetter) {
        add(metric, value, unit, baseline, baselineValue, higherIsBetter, "", null);
    }

    void add(
            String metric,
            double value,
            String unit,
            String baseline,
            double baselineValue,
            boolean higherIsBetter,
            String goal,
            Boolean met) {
        Result r = new Result(
                benchmark,
                metric,
                value,
                unit,
                baseline,
                baselineValue,
                higherIsBetter,
                goal,
                met,
                command,
                loadAverage());
        results.add(r);
        System.out.println(r.line());
    }

    /** Writes this command's figures, replacing those of its previous run. */
    void save() {
        try {
            Files.createDirectories(DIR);
            JSON.writeValue(DIR.resolve(file + ".json").toFile(), results);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Result> readAll() {
        List<Result> all = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                all.addAll(JSON.readValue(p.toFile(), new TypeReference<List<Result>>() {}));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    /** The one-minute load average: other work on the machine while the figure was taken. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
