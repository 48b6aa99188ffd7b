package dev.formgate.consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the consumers' shared parts.
 *
 * @param processedEventsRetention how long a consumer remembers an event id it processed; longer than the topics'
 * retention (Kafka's default: 7 days), so no redelivery can outlive the memory of it
 * @param purgeInterval how often forgotten event ids and old replay markers are deleted
 * @param deadLettersPath where the admin API lists and replays this service's dead letters
 * @param deadLetterListLimit the newest this many dead letters per topic are listed
 */
@ConfigurationProperties("formgate.consumer")
public record ConsumerProperties(@DefaultValue("14d") Duration processedEventsRetention,
		@DefaultValue("1h") Duration purgeInterval, @DefaultValue("/api/admin/dead-letters") String deadLettersPath,
		@DefaultValue("500") int deadLetterListLimit) {
}
