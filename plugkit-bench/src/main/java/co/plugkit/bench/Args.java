package co.plugkit.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name=value} options of one benchmark command, with defaults at the point of use. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("options are --name=value, not " + a);
            }
            values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
    }

    int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }
}
