package dev.formgate.newsletter.campaign;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mail in the bounce mailbox says, read without keeping any of it: an RFC 3464 delivery status notification
 * ({@code multipart/report; report-type=delivery-status}: a {@code failed} recipient with status 5.x.x is a hard
 * bounce, 4.x.x a soft one; {@code delayed}, {@code delivered}, {@code relayed} and {@code expanded} need nothing), an
 * RFC 5965 feedback report ({@code report-type=feedback-report}, {@code Feedback-Type: abuse}: a complaint), or a mail
 * to the {@code mailto:} of List-Unsubscribe (subject {@code unsubscribe <credential>}). A report names the campaign
 * mail through the per-recipient return path it came back to, the ARF {@code Original-Mail-From}, or the returned
 * original's return path and Message-ID ({@link Verp}: a forged token fails its signature). Anything else is not
 * understood. Plain Java.
 */
final class ReturnedMail {

	/** What the mail asks for. */
	enum Kind {
		HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE,
		/** A report that needs nothing done (a delay, a delivery, a relay). */
		NOTHING_TO_DO
	}

	/**
	 * @param kind what it asks for
	 * @param handle the campaign mail it names (reports)
	 * @param credential the unsubscribe credential (mails to the {@code mailto:})
	 */
	record Report(Kind kind, Verp.Handle handle, String credential) {
	}

	private static final Pattern UNSUBSCRIBE = Pattern.compile("(?i)(?:^|\\s|:)unsubscribe\\s+([A-Za-z0-9._~-]{8,512})\\s*$");
	private static final Pattern STATUS = Pattern.compile("^\\s*([245])\\.\\d{1,3}\\.\\d{1,3}");
	/** Headers of the report itself that carry the address it was delivered to (the tagged return path). */
	private static final List<String> DELIVERED_TO = List.of("Delivered-To", "X-Original-To", "Envelope-To", "To");

	private static final Pattern BLOCKS = Pattern.compile("\\r?\\n[ \\t]*\\r?\\n");
	private static final int MAX_STATUS_BYTES = 64 * 1024;

	private final Verp verp;

	ReturnedMail(Verp verp) {
		this.verp = verp;
	}

	/** What the mail asks for, or empty if it is none of the above or names no genuine campaign mail. */
	Optional<Report> read(MimeMessage mail) {
		try {
			Part report = find(mail, "multipart/report", 0);
			if (report != null) {
				return readReport(mail, report);
			}
			String subject = mail.getSubject();
			Matcher unsubscribe = subject == null ? null : UNSUBSCRIBE.matcher(subject.strip());
			if (unsubscribe != null && unsubscribe.find()) {
				return Optional.of(new Report(Kind.UNSUBSCRIBE, null, unsubscribe.group(1)));
			}
			return Optional.empty();
		}
		catch (MessagingException | IOException | RuntimeException unreadable) {
			return Optional.empty();
		}
	}

	private Optional<Report> readReport(MimeMessage mail, Part report) throws MessagingException, IOException {
		String reportType = new ContentType(report.getContentType()).getParameter("report-type");
		Multipart parts = (Multipart) report.getContent();
		Kind kind = null;
		InternetHeaders feedback = null;
		InternetHeaders original = null;
		for (int i = 0; i < parts.getCount(); i++) {
			BodyPart part = parts.getBodyPart(i);
			if (part.isMimeType("message/delivery-status")) {
				kind = deliveryStatus(part);
			}
			else if (part.isMimeType("message/feedback-report")) {
				feedback = headers(part.getInputStream());
				kind = "abuse".equalsIgnoreCase(strip(feedback.getHeader("Feedback-Type", null))) ? Kind.COMPLAINT
						: null;
			}
			else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
					|| part.isMimeType("message/rfc822-headers")) {
				original = headers(part.getInputStream());
			}
		}
		if (kind == null || (reportType != null && !reportType.equalsIgnoreCase(
				kind == Kind.COMPLAINT ? "feedback-report" : "delivery-status"))) {
			return Optional.empty();
		}
		Kind found = kind;
		return named(mail, feedback, original).map(handle -> new Report(found, handle, null));
	}

	/** The most severe outcome among the recipients: failed 5.x.x, else failed 4.x.x, else nothing to do. */
	private static Kind deliveryStatus(Part part) throws MessagingException, IOException {
		String fields;
		try (InputStream in = part.getInputStream()) {
			fields = new String(in.readNBytes(MAX_STATUS_BYTES), StandardCharsets.US_ASCII);
		}
		// the per-message fields, then one block per recipient, separated by empty lines
		List<InternetHeaders> blocks = new ArrayList<>();
		for (String block : BLOCKS.split(fields)) {
			if (!block.isBlank()) {
				blocks.add(headers(new ByteArrayInputStream((block.strip() + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII))));
			}
		}
		Kind kind = null;
		for (InternetHeaders block : blocks) {
			String action = strip(block.getHeader("Action", null));
			Matcher status = STATUS.matcher(String.valueOf(block.getHeader("Status", null)));
			if (action == null || !status.find()) {
				continue;
			}
			action = action.toLowerCase(Locale.ROOT);
			if (action.equals("failed") && status.group(1).equals("5")) {
				return Kind.HARD_BOUNCE;
			}
			if (action.equals("failed") && status.group(1).equals("4")) {
				kind = Kind.SOFT_BOUNCE;
			}
			else if (kind == null && List.of("delayed", "delivered", "relayed", "expanded").contains(action)) {
				kind = Kind.NOTHING_TO_DO;
			}
		}
		return kind;
	}

	/** The campaign mail a report names: the tagged return path it came to, the ARF sender, the original's headers. */
	private Optional<Verp.Handle> named(MimeMessage mail, InternetHeaders feedback, InternetHeaders original)
			throws MessagingException {
		List<String> places = new ArrayList<>();
		for (String header : DELIVERED_TO) {
			String[] values = mail.getHeader(header);
			if (values != null) {
				places.addAll(List.of(values));
			}
		}
		if (feedback != null) {
			places.add(feedback.getHeader("Original-Mail-From", null));
		}
		if (original != null) {
			places.add(original.getHeader("Return-Path", null));
			places.add(original.getHeader("Message-ID", null));
		}
		for (String place : places) {
			Optional<Verp.Handle> handle = verp.find(place);
			if (handle.isPresent()) {
				return handle;
			}
		}
		return Optional.empty();
	}

	/** The first part of this type, looking into nested multiparts (a report forwarded inside a mixed mail). */
	private static Part find(Part part, String type, int depth) throws MessagingException, IOException {
		if (part.isMimeType(type)) {
			return part;
		}
		if (depth < 3 && part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				Part found = find(multipart.getBodyPart(i), type, depth + 1);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	private static InternetHeaders headers(InputStream in) throws MessagingException, IOException {
		try (in) {
			return new InternetHeaders(in);
		}
	}

	private static String strip(String value) {
		return value == null ? null : value.strip();
	}
}
