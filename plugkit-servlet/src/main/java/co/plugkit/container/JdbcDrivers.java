package co.plugkit.container;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * JDBC drivers as a webapp sees them. {@code DriverManager} hides a driver from a webapp when another
 * copy of the same class was registered first from another class loader (Tomcat's {@code lib/}, say),
 * so the driver is looked up in the webapp's own class loader; and a driver that the webapp's class
 * loader registered is deregistered when the webapp stops, which Tomcat would otherwise report as a leak.
 */
final class JdbcDrivers {
    private JdbcDrivers() {}

    /** The class name of a driver in {@code loader} that accepts {@code url}, if DriverManager would not find one. */
    static Optional<String> driverClassFor(String url, ClassLoader loader) {
        try {
            DriverManager.getDriver(url);
            return Optional.empty();
        } catch (SQLException notVisible) {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                try {
                    if (driver.acceptsURL(url)) {
                        return Optional.of(driver.getClass().getName());
                    }
                } catch (SQLException ignored) {
                    // A driver that cannot tell is not the one for this URL.
                }
            }
            return Optional.empty();
        }
    }

    /** Deregisters every registered driver whose class was loaded by {@code loader}. */
    static void deregisterLoadedBy(ClassLoader loader) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == loader) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "could not deregister " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
