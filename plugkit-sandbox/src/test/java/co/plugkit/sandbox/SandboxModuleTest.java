package co.plugkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import co.plugkit.PlugKit;
import co.plugkit.testing.ClassLocation;
import org.junit.jupiter.api.Test;

/**
 * The sandbox ships in this module only. From {@code mvn package} on, Maven puts the built plugkit-servlet
 * jar on this module's class path, so this reads the very jar a production webapp gets.
 */
class SandboxModuleTest {

    @Test
    void theSandboxComesFromThisModuleAndPlugKitsArtifactHasNoneOfIt() {
        ClassLocation plugKit = ClassLocation.of(PlugKit.class);
        ClassLocation sandbox = ClassLocation.of(PlugKitSandbox.class);

        assertThat(sandbox.path()).isNotEqualTo(plugKit.path());
        assertThat(plugKit.entries()).as("plugkit-servlet at " + plugKit.path()).contains("co/plugkit/PlugKit.class");
        assertThat(plugKit.entries())
                .as("plugkit-servlet at " + plugKit.path())
                .noneMatch(entry -> entry.startsWith("co/plugkit/sandbox/"));
    }
}
