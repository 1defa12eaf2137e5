package co.plugkit.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The providers of one PlugKit instance, by platform; built once, never changed. */
public final class Providers {
    private final Map<Platform, Provider> byPlatform;

    public Providers(Collection<Provider> providers) {
        Map<Platform, Provider> map = new LinkedHashMap<>();
        for (Provider provider : providers) {
            Objects.requireNonNull(provider, "provider");
            if (map.put(provider.platform(), provider) != null) {
                throw new IllegalArgumentException("two providers for platform " + provider.platform());
            }
        }
        this.byPlatform = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<Provider> find(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    /** Every provider, in the order they were given. */
    public Collection<Provider> all() {
        return byPlatform.values();
    }
}
