package dev.formgate.newsletter.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/** Reads what reached the SMTP server. */
public class Inbox {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final GreenMail smtp;

	Inbox(GreenMail smtp) {
		this.smtp = smtp;
	}

	public List<MimeMessage> messagesTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter(m -> isTo(m, address)).toList();
	}

	public MimeMessage awaitMessages(String address, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> messagesTo(address).size() >= count);
		return messagesTo(address).get(count - 1);
	}

	public static String body(MimeMessage message) {
		try {
			return (String) message.getContent();
		}
		catch (IOException | MessagingException e) {
			throw new IllegalStateException("unreadable mail body", e);
		}
	}

	public static String firstLink(MimeMessage message) {
		Matcher m = LINK.matcher(body(message));
		if (!m.find()) {
			throw new AssertionError("no link in mail");
		}
		return m.group();
	}

	private static boolean isTo(MimeMessage message, String address) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch(a -> a.toString().equalsIgnoreCase(address));
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
