package dev.formgate.gateway.usage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Usage log and statistics (prefix {@code formgate.gateway.usage}). The security log with full addresses is a log
 * file; its retention is {@code formgate.gateway.security-log.max-history} in days (logback-spring.xml).
 *
 * @param statisticsRetention daily statistics older than this are deleted (default 730d: the notice's two years)
 * @param flushInterval how often counted requests are added to the stored daily statistics (default 10s)
 * @param purgeInterval how often the retention job runs (default 1h)
 */
@ConfigurationProperties("formgate.gateway.usage")
record UsageProperties(@DefaultValue("730d") Duration statisticsRetention, @DefaultValue("10s") Duration flushInterval,
		@DefaultValue("1h") Duration purgeInterval) {
}
