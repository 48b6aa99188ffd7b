package dev.formgate.service;

import dev.formgate.events.CommentTickets;
import dev.formgate.events.SubjectRefs;
import dev.formgate.events.TransportSeal;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The beans every service is built from: its clock (a test brings its own), subjectRefs, the transport seal and comment tickets. */
@AutoConfiguration
@EnableConfigurationProperties(SharedSecrets.class)
public class ServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(Clock.class)
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SubjectRefs subjectRefs(SharedSecrets secrets) {
		return new SubjectRefs(secrets.pepper());
	}

	/** The key's UTF-8 bytes, as every service reads {@code FORMGATE_TRANSPORT_KEY}. */
	@Bean
	TransportSeal transportSeal(SharedSecrets secrets) {
		return new TransportSeal(secrets.transportKey().getBytes(StandardCharsets.UTF_8));
	}

	/** Tickets for a comment author's rights, under a key derived from the transport key (docs/privacy.md). */
	@Bean
	CommentTickets commentTickets(SharedSecrets secrets) {
		return new CommentTickets(secrets.transportKey().getBytes(StandardCharsets.UTF_8));
	}
}
