package dev.formgate.erasure.activity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * @param zone the calendar the days are counted in
 * @param retention how long a day's counts are kept (the notice: statistics at most two years)
 * @param eventIdsRetention how long a day keeps the ids of the events it counted, to drop redeliveries; longer than
 * the topics' retention
 * @param purgeInterval how often old days and old event ids are removed
 */
@ConfigurationProperties("formgate.activity")
record ActivityProperties(@DefaultValue("Europe/Berlin") ZoneId zone, @DefaultValue("730d") Duration retention,
		@DefaultValue("14d") Duration eventIdsRetention, @DefaultValue("1h") Duration purgeInterval) {
}
