package dev.formgate.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Reads what reached the SMTP server, as received: the parsed message and its raw header lines. */
public class Inbox {

	private final GreenMail smtp;

	public Inbox(GreenMail smtp) {
		this.smtp = smtp;
	}

	/** Mails whose To header names this address. */
	public List<MimeMessage> messagesTo(String address) {
		return all().stream().filter(m -> isTo(m, address)).toList();
	}

	/**
	 * Whether the server delivered anything to this address by any route: To, Cc or a Bcc that left no header.
	 * GreenMail opens a mailbox for every envelope recipient it accepts.
	 */
	public boolean deliveredAnythingTo(String address) {
		return smtp.getUserManager().getUserByEmail(address) != null;
	}

	/** Every mail the server accepted, for any recipient. */
	public List<MimeMessage> all() {
		return List.of(smtp.getReceivedMessages());
	}

	public MimeMessage awaitMessages(String address, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(address).size() >= count);
		return messagesTo(address).get(count - 1);
	}

	/** Mails whose To header names the address and whose body contains the marker. */
	public List<MimeMessage> messagesTo(String address, String marker) {
		return all().stream().filter(m -> isTo(m, address) && body(m).contains(marker)).toList();
	}

	public MimeMessage awaitMessage(String address, String marker) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !messagesTo(address, marker).isEmpty());
		return messagesTo(address, marker).getFirst();
	}

	/** The decoded text body, with SMTP's CRLF line ends read back as LF. */
	public static String body(MimeMessage message) {
		try {
			return ((String) message.getContent()).replace("\r\n", "\n");
		}
		catch (IOException | MessagingException e) {
			throw new IllegalStateException("unreadable mail body", e);
		}
	}

	/** The header block exactly as it arrived over SMTP. */
	public static String rawHeaders(MimeMessage message) {
		String raw = GreenMailUtil.getWholeMessage(message);
		int end = raw.indexOf("\r\n\r\n");
		return end < 0 ? raw : raw.substring(0, end + 2);
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			Address[] to = message.getRecipients(Message.RecipientType.TO);
			return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
