package co.plugkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Servlet;
import java.time.Clock;
import java.util.Objects;

/**
 * A part of PlugKit shipped in a module of its own, which a host plugs in through the builder — today the
 * Instagram sandbox ({@code co.plugkit:plugkit-sandbox}, plugged in with {@link PlugKit.Builder#sandbox}).
 * Optional parts live outside {@code plugkit-servlet} so a production WAR carries none of their code.
 *
 * <p>PlugKit calls {@link #start} once while it builds, with what it shares of itself, and mounts the
 * servlets of the {@link Routes} it gets back whenever it is {@linkplain PlugKit#register registered},
 * below the same prefix as its own routes. The extension never sees the {@code ServletContext}: every
 * servlet goes through PlugKit's own all-or-nothing mount, so a clash with a route of the host is refused
 * as it is for PlugKit's routes.
 *
 * <p>Plugged in explicitly (no {@code ServiceLoader}, no class-path scanning): a host sees in its own code
 * what runs in its webapp.
 */
@FunctionalInterface
public interface PlugKitExtension {

    /**
     * Prepares the extension for one PlugKit instance; called once by {@link PlugKit.Builder#build()},
     * before any route is mounted. An exception here fails the build.
     *
     * @return the extension's servlets, mounted by every {@link PlugKit#register} call
     */
    Routes start(Context context);

    /**
     * What PlugKit shares with an extension: the same values its own engine runs on, so an extension
     * agrees with PlugKit on settings, on time and on JSON.
     *
     * @param config PlugKit's validated configuration
     * @param clock the clock of every expiry PlugKit computes (the builder's, cut to whole microseconds)
     * @param json PlugKit's JSON mapper
     */
    record Context(PlugKitConfig config, Clock clock, ObjectMapper json) {
        public Context {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(json, "json");
        }
    }

    /** An extension's servlets, added through a {@link Mount} when PlugKit is registered in a context. */
    @FunctionalInterface
    interface Routes {
        /** Adds each of the extension's servlets with {@code mount}; called once per registration. */
        void register(Mount mount);
    }

    /** Adds one servlet of an extension to the context PlugKit is being registered in. */
    @FunctionalInterface
    interface Mount {
        /**
         * Maps {@code servlet} at PlugKit's prefix + {@code pattern}, loaded on start-up.
         *
         * @param name the servlet's name, unique within the extension (PlugKit adds its own prefix to it)
         * @param pattern a servlet URL pattern relative to PlugKit's prefix, such as {@code /sandbox/x/*}
         * @throws IllegalStateException if the name or the pattern is already taken in the context
         */
        void servlet(String name, Servlet servlet, String pattern);
    }
}
