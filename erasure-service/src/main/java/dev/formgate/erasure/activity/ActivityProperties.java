package dev.formgate.erasure.activity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * @param zone the calendar the days are counted in
 * @param retention how long a day's counts are kept (the notice: statistics at most two years)
 * @param eventIdsRetention how long (at least) the id of a counted event is kept, so that a redelivery counts once;
 * longer than the topics' retention. Then its count goes into its day.
 * @param purgeInterval how often old days are removed and counted events past their retention settled
 */
@ConfigurationProperties("formgate.activity")
record ActivityProperties(@DefaultValue("Europe/Berlin") ZoneId zone, @DefaultValue("730d") Duration retention,
		@DefaultValue("14d") Duration eventIdsRetention, @DefaultValue("1h") Duration purgeInterval) {
}
