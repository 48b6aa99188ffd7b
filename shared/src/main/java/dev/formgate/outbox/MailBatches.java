package dev.formgate.outbox;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends a relay round's mails over one SMTP connection (a connection per mail caps a sender at ≈ 20 mails/s), through
 * a circuit breaker so that a dead server is not hammered.
 */
public final class MailBatches {

	private static final Logger log = LoggerFactory.getLogger(MailBatches.class);

	private final JavaMailSender sender;
	private final CircuitBreaker breaker;

	public MailBatches(JavaMailSender sender, CircuitBreaker breaker) {
		this.sender = sender;
		this.breaker = breaker;
	}

	/** Returns the messages the server did not accept: all of them while the breaker is open. Logs counts only. */
	public Set<MimeMessage> send(List<MimeMessage> batch) {
		try {
			breaker.executeRunnable(() -> sender.send(batch.toArray(MimeMessage[]::new)));
			return Set.of();
		}
		catch (CallNotPermittedException e) {
			return Set.copyOf(batch);
		}
		catch (MailSendException e) {
			Set<MimeMessage> failed = new HashSet<>();
			e.getFailedMessages().keySet().forEach(m -> failed.add((MimeMessage) m));
			log.warn("SMTP refused {} of {} mails ({}), will retry", failed.isEmpty() ? batch.size() : failed.size(),
					batch.size(), e.getClass().getSimpleName());
			return failed.isEmpty() ? Set.copyOf(batch) : failed;
		}
		catch (MailException e) {
			log.warn("SMTP unavailable for {} mails ({}), will retry", batch.size(), e.getClass().getSimpleName());
			return Set.copyOf(batch);
		}
	}
}
