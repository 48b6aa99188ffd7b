package dev.formgate.newsletter.support;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * The bounce mailbox on the test GreenMail, as a mail server would fill it: a raw mail (a delivery status
 * notification, a feedback report, a reply) is dropped into it, and what is left in it can be looked at.
 */
public class BounceMailboxes {

	/** The bounce address of the service's default configuration. */
	public static final String ADDRESS = "bounces@formgate.localhost";

	private final GreenMail mail;

	BounceMailboxes(GreenMail mail) {
		this.mail = mail;
	}

	/** Delivers the raw mail (CRLF or LF line ends) into the bounce mailbox; returns its Message-ID. */
	public String drop(String raw) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(raw.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
			user().deliver(message);
			return message.getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The Message-IDs of the mails in the mailbox's inbox now. */
	public List<String> messageIds() {
		return messages().stream().map(BounceMailboxes::messageId).toList();
	}

	/** Whether a mail with this Message-ID is still in the inbox. */
	public boolean contains(String messageId) {
		return messageIds().contains(messageId);
	}

	/** Whether the mail with this Message-ID is marked seen (read and not understood). */
	public boolean isSeen(String messageId) {
		return messages().stream().filter(m -> messageId.equals(messageId(m)))
			.anyMatch(m -> m.isSet(jakarta.mail.Flags.Flag.SEEN));
	}

	/** A copy of the inbox's messages, taken while the service's reader may be expunging some of them. */
	private List<StoredMessage> messages() {
		for (int attempt = 0;; attempt++) {
			try {
				return List.copyOf(inbox().getMessages());
			}
			catch (java.util.ConcurrentModificationException busy) {
				if (attempt == 20) {
					throw busy;
				}
				Thread.onSpinWait();
			}
		}
	}

	private GreenMailUser user() {
		GreenMailUser user = mail.getUserManager().getUser(ADDRESS);
		return user != null ? user : mail.setUser(ADDRESS, ADDRESS, ADDRESS);
	}

	private MailFolder inbox() {
		try {
			return mail.getManagers().getImapHostManager().getInbox(user());
		}
		catch (FolderException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String messageId(StoredMessage message) {
		try {
			return message.getMimeMessage().getMessageID();
		}
		catch (MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
