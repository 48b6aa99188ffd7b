package dev.formgate.comment.comments;

import dev.formgate.comment.mail.CommentMails;
import dev.formgate.outbox.CloudEventsPublisher;
import dev.formgate.outbox.OutboxRelay;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.stream.Collectors;

/** How comments reach the outside world: their events on {@code comment.events}, the publication notice over SMTP. */
@Configuration(proxyBeanMethods = false)
class CommentsConfiguration {

	/** Comment events; the binding is synchronous, so the outbox entry goes only after the broker acknowledged. */
	@Bean
	CloudEventsPublisher commentEvents(StreamBridge bridge, CircuitBreakerRegistry breakers) {
		return new CloudEventsPublisher(bridge, breakers.circuitBreaker("kafka"), "commentEvents-out-0",
				"/formgate/comment-service");
	}

	/** Events go out even while the author is restricted (they carry no personal data); the notice waits. */
	@Bean
	OutboxRelay<Comment> commentRelay(Comments comments, CloudEventsPublisher events, CommentNotices notices,
			CommentMails mails, CommentProperties properties, Clock clock) {
		return OutboxRelay.builder("comment-relay", comments, events, clock, properties.relay())
			.mails(notices, mails)
			.holdingMailsOf(owing -> owing.stream().filter(Comment::restricted).map(Comment::id)
				.collect(Collectors.toSet()))
			.build();
	}
}
