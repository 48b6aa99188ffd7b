package dev.formgate.gateway;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's and Spring Security's debug messages are objects that build their text when asked (LogMessage): with debug
 * off, nothing may ask. commons-logging's SLF4J bridge asked for every one of them before SLF4J checked the level, a
 * few strings per request in the gateway; commons-logging.properties names the bridge that checks first.
 */
class LoggingTests {

	@Test
	void aDebugMessageThatNobodyLogsIsNeverBuilt() {
		Log log = LogFactory.getLog("org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher");
		AtomicBoolean built = new AtomicBoolean();
		Object message = new Object() {
			@Override
			public String toString() {
				built.set(true);
				return "Trying to match using …";
			}
		};

		log.debug(message);
		log.trace(message);

		assertThat(log.isDebugEnabled()).isFalse();
		assertThat(built).isFalse();
	}

	@Test
	void anInfoMessageStillReachesLogback() {
		var logback = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(LoggingTests.class);
		var appender = new ListAppender<ILoggingEvent>();
		appender.start();
		logback.addAppender(appender);
		try {
			LogFactory.getLog(LoggingTests.class).info("through commons-logging");
		}
		finally {
			logback.detachAppender(appender);
		}

		assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("through commons-logging");
	}
}
