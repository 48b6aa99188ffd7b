package dev.formgate.outbox;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends a batch of mails over one SMTP connection (a connection per mail caps a sender at ≈ 20 mails/s), through
 * a circuit breaker so that a dead server is not hammered. Each mail is reported the moment the server accepted it,
 * so that the caller can mark it sent before the next one goes out: a crash then repeats at most the one mail whose
 * acceptance was not yet recorded, not the whole batch.
 */
public final class MailBatches implements MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailBatches.class);

	static {
		nameStreamProvider();
	}

	private final JavaMailSender sender;
	private final CircuitBreaker breaker;

	public MailBatches(JavaMailSender sender, CircuitBreaker breaker) {
		this.sender = sender;
		this.breaker = breaker;
	}

	/**
	 * Sends the mails in order and calls {@code accepted} for each right after the server accepted it. Returns the
	 * messages not accepted: all of them while the breaker is open; the rest of the batch once the connection fails
	 * (both: the server is unavailable). If {@code accepted} throws (the store is down, say), no further mail goes out
	 * and the exception is rethrown: the mails not yet marked are sent again later. Logs counts only.
	 */
	@Override
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted) {
		return send(batch, accepted, Gate.OPEN);
	}

	/**
	 * As {@link #send(List, Consumer)}, asking the gate before each mail: it may wait (a sender's pace) or stop the
	 * batch (the rest stays not sent, the connection is closed normally). Refused mails are reported as such.
	 */
	public Delivered send(List<MimeMessage> batch, Consumer<MimeMessage> accepted, Gate gate) {
		Set<MimeMessage> notSent = new LinkedHashSet<>(batch);
		Set<MimeMessage> refused = new LinkedHashSet<>();
		RuntimeException[] markFailed = new RuntimeException[1];
		try {
			breaker.executeRunnable(() -> deliver(batch, notSent, refused, gate, message -> {
				try {
					accepted.accept(message);
				}
				catch (RuntimeException e) {
					markFailed[0] = e;
				}
				return markFailed[0] == null;
			}));
		}
		catch (CallNotPermittedException e) {
			return new Delivered(notSent, true);
		}
		catch (MailException e) {
			log.warn("SMTP unavailable, {} of {} mails not sent ({}), will retry", notSent.size(), batch.size(),
					e.getClass().getSimpleName());
			if (markFailed[0] != null) {
				throw markFailed[0];
			}
			return new Delivered(notSent, true);
		}
		if (markFailed[0] != null) {
			throw markFailed[0];
		}
		return new Delivered(notSent, false, refused);
	}

	/** What to do once a mail was accepted; false stops the batch. */
	private interface Accepted {

		boolean record(MimeMessage message);
	}

	private void deliver(List<MimeMessage> batch, Set<MimeMessage> notSent, Set<MimeMessage> refusedOnes, Gate gate,
			Accepted accepted) {
		if (!(sender instanceof JavaMailSenderImpl impl)) {
			for (MimeMessage message : batch) {
				if (!gate.admit(message)) {
					return;
				}
				sender.send(message);
				notSent.remove(message);
				if (!accepted.record(message)) {
					return;
				}
			}
			return;
		}
		int refused = 0;
		try (Transport transport = connect(impl)) {
			for (MimeMessage message : batch) {
				if (!gate.admit(message)) {
					break;
				}
				prepare(message);
				try {
					transport.sendMessage(message, message.getAllRecipients());
				}
				catch (SendFailedException e) {
					// This mail was refused (a recipient, say); the connection still serves the others.
					refused++;
					refusedOnes.add(message);
					continue;
				}
				notSent.remove(message);
				if (!accepted.record(message)) {
					return;
				}
			}
		}
		catch (MessagingException e) {
			throw new MailSendException("SMTP connection failed", e);
		}
		if (refused > 0) {
			log.warn("SMTP refused {} of {} mails", refused, batch.size());
		}
	}

	/**
	 * jakarta.mail 2.1 looks its {@link StreamProvider} up with a {@link java.util.ServiceLoader} for every MIME part
	 * it creates or writes (jakartaee/mail-api#861); inside a Spring Boot jar that search through the nested jars was
	 * most of what a campaign mail cost to compose and send (BENCHMARKS.md, "Campaign sending rate"). Named once as
	 * the system property it reads first, the provider is loaded by name instead. Keeps a name set by the operator.
	 */
	private static void nameStreamProvider() {
		String property = StreamProvider.class.getName();
		if (System.getProperty(property) == null) {
			System.setProperty(property, StreamProvider.provider().getClass().getName());
		}
	}

	/** As JavaMailSenderImpl does: a sent date, and an explicitly set Message-ID survives saving. */
	private static void prepare(MimeMessage message) throws MessagingException {
		if (message.getSentDate() == null) {
			message.setSentDate(new Date());
		}
		String messageId = message.getMessageID();
		message.saveChanges();
		if (messageId != null) {
			message.setHeader("Message-ID", messageId);
		}
	}

	/** Connects the way JavaMailSenderImpl does: its session, protocol, host, port and (non-empty) credentials. */
	private static Transport connect(JavaMailSenderImpl impl) throws MessagingException {
		String protocol = impl.getProtocol();
		if (protocol == null) {
			protocol = impl.getSession().getProperty("mail.transport.protocol");
		}
		Transport transport = impl.getSession().getTransport(protocol == null ? "smtp" : protocol);
		String username = impl.getUsername();
		String password = impl.getPassword();
		if ("".equals(username)) {
			username = null;
			if ("".equals(password)) {
				password = null;
			}
		}
		transport.connect(impl.getHost(), impl.getPort(), username, password);
		return transport;
	}
}
