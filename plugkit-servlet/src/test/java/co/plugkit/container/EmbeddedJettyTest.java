package co.plugkit.container;

import co.plugkit.testing.EmbeddedContainer;
import co.plugkit.testing.EmbeddedJetty;

/** The container contract in embedded Jetty 12 (ee10). */
class EmbeddedJettyTest extends EmbeddedContainerContract {
    @Override
    EmbeddedContainer newContainer() {
        return new EmbeddedJetty();
    }
}
