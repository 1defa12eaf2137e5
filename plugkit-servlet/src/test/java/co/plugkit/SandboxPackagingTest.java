package co.plugkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.plugkit.testing.ClassLocation;
import org.junit.jupiter.api.Test;

/**
 * The Instagram sandbox is a module of its own (co.plugkit:plugkit-sandbox), so a production webapp ships
 * none of it: plugkit-servlet's classes hold no {@code co/plugkit/sandbox} class, and none is on this
 * module's class path. (The sandbox module's own test checks the built plugkit-servlet jar.)
 */
class SandboxPackagingTest {

    @Test
    void plugkitServletShipsNoSandboxClass() {
        ClassLocation classes = ClassLocation.of(PlugKit.class);

        assertThat(classes.entries()).as("classes of " + classes.path()).contains("co/plugkit/PlugKit.class");
        assertThat(classes.entries())
                .as("sandbox classes in %s (left over from an older build? run mvn clean)", classes.path())
                .noneMatch(entry -> entry.startsWith("co/plugkit/sandbox/"));
    }

    @Test
    void noSandboxIsOnTheClassPathOfPlugKitsOwnTests() {
        assertThatThrownBy(() -> Class.forName("co.plugkit.sandbox.PlugKitSandbox"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
