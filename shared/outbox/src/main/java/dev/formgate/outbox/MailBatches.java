package dev.formgate.outbox;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends a batch of mails over one SMTP connection (a connection per mail caps a sender at ≈ 20 mails/s), through
 * a circuit breaker so that a dead server is not hammered. Each mail is reported the moment the server accepted it,
 * so that the caller can mark it sent before the next one goes out: a crash then repeats at most the one mail whose
 * acceptance was not yet recorded, not the whole batch.
 * <p>
 * Connections outlive their batch: a batch that ended without a connection failure leaves its connection open for the
 * next one (opening one costs a TCP and an SMTP handshake, about 50 ms with the development mail server, more than a
 * small batch takes to send). A batch takes the most recently used open connection, after a {@code NOOP} says it still
 * works; connections idle for longer than {@value #IDLE_MILLIS} ms are closed when the next batch comes, and at most
 * {@value #MAX_IDLE} are kept.
 */
public final class MailBatches implements MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailBatches.class);

	static {
		// loaded when a service's mail sender is built, before its first mail is composed
		MailStreams.nameProvider();
	}

	/** Open connections kept between batches at most, and how long one may stay unused. */
	static final int MAX_IDLE = 8;

	static final long IDLE_MILLIS = 10_000;

	private final JavaMailSender sender;
	private final CircuitBreaker breaker;
	/** Connections a finished batch left open, the most recently used first. */
	private final Deque<Idle> idle = new ArrayDeque<>();

	/** An open connection and when its last batch ended. */
	private record Idle(Transport transport, long since) {
	}

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
		Transport transport = null;
		boolean intact = false;
		try {
			transport = connection(impl);
			for (MimeMessage message : batch) {
				if (!gate.admit(message)) {
					break;
				}
				finish(message);
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
					intact = true;
					return;
				}
			}
			intact = true;
		}
		catch (MessagingException e) {
			throw new MailSendException("SMTP connection failed", e);
		}
		finally {
			if (intact) {
				keep(transport);
			}
			else if (transport != null) {
				close(transport);
			}
		}
		if (refused > 0) {
			log.warn("SMTP refused {} of {} mails", refused, batch.size());
		}
	}

	/** The most recently used open connection that still answers, or a new one. */
	private Transport connection(JavaMailSenderImpl impl) throws MessagingException {
		long now = System.currentTimeMillis();
		while (true) {
			Idle open;
			synchronized (idle) {
				open = idle.pollFirst();
			}
			if (open == null) {
				return connect(impl);
			}
			if (now - open.since() <= IDLE_MILLIS && sameServer(open.transport(), impl)
					&& open.transport().isConnected()) {
				closeIdleLongerThan(now - IDLE_MILLIS);
				return open.transport();
			}
			close(open.transport());
		}
	}

	/**
	 * Whether the open connection goes to the server the sender names now: a sender pointed elsewhere (another host
	 * or port) is never answered by a connection to the old one.
	 */
	private static boolean sameServer(Transport transport, JavaMailSenderImpl impl) {
		URLName server = transport.getURLName();
		return server != null && Objects.equals(server.getHost(), impl.getHost()) && server.getPort() == impl.getPort();
	}

	/** Keeps the connection open for the next batch, unless enough are kept already. */
	private void keep(Transport transport) {
		Idle surplus = null;
		synchronized (idle) {
			idle.addFirst(new Idle(transport, System.currentTimeMillis()));
			if (idle.size() > MAX_IDLE) {
				surplus = idle.pollLast();
			}
		}
		if (surplus != null) {
			close(surplus.transport());
		}
	}

	private void closeIdleLongerThan(long since) {
		List<Idle> old = new ArrayList<>();
		synchronized (idle) {
			while (!idle.isEmpty() && idle.peekLast().since() < since) {
				old.add(idle.pollLast());
			}
		}
		old.forEach(o -> close(o.transport()));
	}

	/** Number of connections kept open for the next batch. */
	int idleConnections() {
		synchronized (idle) {
			return idle.size();
		}
	}

	private static void close(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException e) {
			// the connection is dropped either way
		}
	}

	/**
	 * Finishes a message as it goes out, as JavaMailSenderImpl does: saved, with a sent date, an explicitly set
	 * Message-ID kept. A message its composer saved already (its headers say {@code MIME-Version}, which only saving or
	 * parsing writes) is left as it is: saving it again would format it once more (its encodings, a fresh Message-ID
	 * thrown away), and Jakarta Mail does not save it again while writing it to the server.
	 */
	public static void finish(MimeMessage message) throws MessagingException {
		if (message.getHeader("MIME-Version") != null) {
			if (message.getHeader("Date") == null) {
				message.setSentDate(new Date());
			}
			return;
		}
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
