package co.plugkit.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One figure of a run: PlugKit's value, the baseline measured in the same run, and their ratio, which is
 * what stays comparable on a shared, loaded machine.
 *
 * @param higherIsBetter whether the ratio grows as PlugKit gets better (throughput) or not (latency, CPU)
 * @param goal the goal in words, empty if the figure has none
 * @param met whether the goal is met; null without a goal
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Result(
        String benchmark,
        String metric,
        double value,
        String unit,
        String baseline,
        double baselineValue,
        boolean higherIsBetter,
        String goal,
        Boolean met,
        String command,
        double loadAverage) {

    public double ratio() {
        return baselineValue == 0 ? Double.NaN : value / baselineValue;
    }

    String line() {
        return String.format(
                "%-10s %-40s %12.3f %-8s | baseline %-28s %12.3f | ratio %8.3f | %s%s",
                benchmark,
                metric,
                value,
                unit,
                baseline,
                baselineValue,
                ratio(),
                goal.isEmpty() ? "" : "goal " + goal,
                met == null ? "" : (met ? "  MET" : "  MISSED"));
    }
}
