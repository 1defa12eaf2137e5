package co.plugkit.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** {@code jmh}: the microbenchmarks ({@code HotPaths}, {@code ResponseParsing}), as ratios to one SHA-256. */
final class JmhBench {
    private JmhBench() {}

    static void run(Args args) throws Exception {
        int seconds = args.integer("seconds", 1);
        int iterations = args.integer("iterations", 3);
        Results results =
                new Results("jmh", "plugkit-bench/run.sh jmh --seconds=" + seconds + " --iterations=" + iterations);
        Options options = new OptionsBuilder()
                .include("co\\.plugkit\\.bench\\.jmh\\.HotPaths\\.")
                .include("co\\.plugkit\\.internal\\.instagram\\.ResponseParsing\\.")
                .forks(1)
                .warmupIterations(iterations)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .threads(1)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, Double> nanos = new HashMap<>();
        for (RunResult r : runs) {
            String name = r.getParams().getBenchmark();
            nanos.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    r.getPrimaryResult().getScore());
        }
        double baseline = nanos.remove("baselineSha256");
        nanos.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> results.add(
                        "JMH " + e.getKey() + " (1 thread)",
                        e.getValue() / 1000,
                        "µs/op",
                        "SHA-256 of 32 bytes",
                        baseline / 1000,
                        false));
        results.save();
    }
}
