package co.plugkit.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Every log event of the JVM while open, each rendered as one string (message, then any stack trace). */
public final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public CapturedLogs() {
        appender.start();
        root.addAppender(appender);
    }

    /** The events so far, rendered. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream().map(CapturedLogs::render).toList();
        }
    }

    /** The formatted messages so far, without stack traces. */
    public List<String> messages() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    private static String render(ILoggingEvent event) {
        String thrown = event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy());
        return event.getFormattedMessage() + thrown;
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
