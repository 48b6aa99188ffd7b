package dev.formgate.infra;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.List;

/** Reading the stack's dev inbox: the mails to an address by a marker in their subject, a mail's subject and headers. */
final class DevInbox {

	private DevInbox() {
	}

	/** The mails to {@code email} whose subject contains {@code marker}, oldest first. */
	static List<MimeMessage> mailsWith(LocalStack stack, String email, String marker) {
		return stack.mailsTo(email).stream().filter(mail -> subjectOf(mail).contains(marker)).toList();
	}

	static String subjectOf(MimeMessage mail) {
		try {
			return String.valueOf(mail.getSubject());
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The header's first value, or null. */
	static String header(MimeMessage mail, String name) {
		try {
			return mail.getHeader(name, null);
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
