package dev.formgate.testing;

import java.util.UUID;

/**
 * Real mails as they come back to a bulk sender, as raw text: an RFC 3464 delivery status notification (the shape
 * Postfix writes) and an RFC 5965 feedback report (the RFC's own example, as mailbox providers send them), each
 * naming a campaign mail by its per-recipient token, and a mail to the List-Unsubscribe {@code mailto:}.
 */
public final class ReturnedMails {

	private static final String DOMAIN = "formgate.localhost";

	private ReturnedMails() {
	}

	/**
	 * A DSN for a campaign mail to {@code recipient}: {@code action} ({@code failed}, {@code delayed}) with
	 * {@code status} ({@code 5.1.1}, {@code 4.2.2}). With {@code viaReturnPath} it arrives at the tagged return path
	 * (VERP); without, at the plain bounce address, and only the returned headers' Message-ID names the mail.
	 */
	public static String deliveryStatus(String token, String recipient, String action, String status,
			boolean viaReturnPath) {
		String boundary = "dsn-" + UUID.randomUUID();
		String to = viaReturnPath ? "bounces+" + token + "@" + DOMAIN : "bounces@" + DOMAIN;
		String originalReturnPath = viaReturnPath ? "Return-Path: <bounces+" + token + "@" + DOMAIN + ">\n" : "";
		return """
				Return-Path: <>
				Delivered-To: %1$s
				From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
				To: %1$s
				Subject: Undelivered Mail Returned to Sender
				Date: Thu, 3 Dec 2026 07:00:00 +0100 (CET)
				Message-ID: <%2$s@mx.example.net>
				Auto-Submitted: auto-replied
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=delivery-status;
				\tboundary="%3$s"

				This is a MIME-encapsulated message.

				--%3$s
				Content-Description: Notification
				Content-Type: text/plain; charset=us-ascii

				This is the mail system at host mx.example.net.

				I'm sorry to have to inform you that your message could not
				be delivered to one or more recipients.

				<%4$s>: host mail.example.net[192.0.2.25] said: %5$s %6$s
				    mailbox problem (in reply to RCPT TO command)

				--%3$s
				Content-Description: Delivery report
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.net
				X-Postfix-Queue-ID: 4dM3yT1Zq7z9sWl
				Arrival-Date: Thu,  3 Dec 2026 06:59:58 +0100 (CET)

				Final-Recipient: rfc822; %4$s
				Original-Recipient: rfc822;%4$s
				Action: %7$s
				Status: %6$s
				Remote-MTA: dns; mail.example.net
				Diagnostic-Code: smtp; %5$s %6$s <%4$s>: mailbox problem

				--%3$s
				Content-Description: Undelivered Message Headers
				Content-Type: text/rfc822-headers

				%8$sFrom: Formgate Newsletter <newsletter@formgate.localhost>
				To: %4$s
				Subject: Neues aus dem Rathaus
				Message-ID: <%9$s@%10$s>
				MIME-Version: 1.0
				Content-Type: multipart/alternative; boundary="x"

				--%3$s--
				""".formatted(to, UUID.randomUUID(), boundary, recipient, status.startsWith("5") ? "550" : "452",
				status, action, originalReturnPath, token, DOMAIN);
	}

	/** An ARF feedback report of type {@code feedbackType} ({@code abuse}) about a campaign mail to {@code recipient}. */
	public static String feedbackReport(String token, String recipient, String feedbackType) {
		String boundary = "arf-" + UUID.randomUUID();
		return """
				From: <abuse@mail.example.net>
				To: bounces@%1$s
				Subject: FW: Neues aus dem Rathaus
				Date: Thu, 3 Dec 2026 08:00:00 +0100
				Message-ID: <%2$s@mail.example.net>
				MIME-Version: 1.0
				Content-Type: multipart/report; report-type=feedback-report;
				\tboundary="%3$s"

				--%3$s
				Content-Type: text/plain; charset="US-ASCII"
				Content-Transfer-Encoding: 7bit

				This is an email abuse report for an email message
				received from IP 192.0.2.1 on Thu, 3 Dec 2026 07:00:00 +0100.
				For more information about this format please see
				https://www.rfc-editor.org/rfc/rfc5965 .

				--%3$s
				Content-Type: message/feedback-report

				Feedback-Type: %4$s
				User-Agent: SomeGenerator/1.0
				Version: 1
				Original-Mail-From: <bounces+%5$s@%1$s>
				Original-Rcpt-To: <%6$s>
				Arrival-Date: Thu, 3 Dec 2026 07:00:00 +0100
				Reporting-MTA: dns; mail.example.net
				Source-IP: 192.0.2.1
				Reported-Domain: %1$s

				--%3$s
				Content-Type: message/rfc822
				Content-Disposition: inline

				Return-Path: <bounces+%5$s@%1$s>
				From: Formgate Newsletter <newsletter@formgate.localhost>
				To: %6$s
				Subject: Neues aus dem Rathaus
				Message-ID: <%5$s@%1$s>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8

				Hallo, die Bibliothek öffnet.

				--%3$s--
				""".formatted(DOMAIN, UUID.randomUUID(), boundary, feedbackType, token, recipient);
	}

	/** What a mail program sends for the {@code mailto:} of a List-Unsubscribe header. */
	public static String mailtoUnsubscribe(String from, String subject) {
		return """
				From: %s
				To: bounces@%s
				Subject: %s
				Date: Thu, 3 Dec 2026 09:00:00 +0100
				Message-ID: <%s@example.org>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8

				(sent by the mail program for the unsubscribe link)
				""".formatted(from, DOMAIN, subject, UUID.randomUUID());
	}

	/** A person's reply to a campaign mail: not a report, not an unsubscribe request. */
	public static String reply(String from, String text) {
		return """
				From: %s
				To: bounces@%s
				Subject: Re: Neues aus dem Rathaus
				Date: Thu, 3 Dec 2026 09:30:00 +0100
				Message-ID: <%s@example.org>
				MIME-Version: 1.0
				Content-Type: text/plain; charset=UTF-8

				%s
				""".formatted(from, DOMAIN, UUID.randomUUID(), text);
	}
}
