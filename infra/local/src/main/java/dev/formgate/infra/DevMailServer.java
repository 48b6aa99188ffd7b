package dev.formgate.infra;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.formgate.outbox.MailStreams;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The development mail server: GreenMail accepts every mail over SMTP and serves it over IMAP (user and password are
 * the recipient address), and a small inbox page shows all mails with clickable links, so a person can confirm a
 * sign-up without a mail client.
 */
final class DevMailServer implements AutoCloseable {

	/** The return path of campaign mails on the local stack (newsletter-service's bounce address). */
	static final String BOUNCE_ADDRESS = "bounces@formgate.localhost";

	private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

	private final GreenMail greenMail;
	private final ServerSetup smtpSetup;
	private final HttpServer inbox;
	// SMTP runs apart from GreenMail's other servers, on the same mail store, so it can stop and start alone.
	private SmtpServer smtp;
	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private DevMailServer(GreenMail greenMail, ServerSetup smtpSetup, HttpServer inbox) {
		this.greenMail = greenMail;
		this.smtpSetup = smtpSetup;
		this.inbox = inbox;
		UserManager users = greenMail.getUserManager();
		MessageDeliveryHandler store = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, recipient) -> {
			listeners.forEach(listener -> listener.accept(recipient.getEmail()));
			return store.handle(message, recipient);
		});
	}

	static DevMailServer start(int smtpPort, int imapPort, int inboxPort) throws IOException {
		// as in the services: for the server parsing each mail and any client in this JVM (the benchmark's ceilings)
		MailStreams.nameProvider();
		// GreenMail with an index of its mailboxes (IndexedMailStore): a delivery finds its mailbox by name, not by
		// comparing every address the server has seen.
		GreenMail greenMail = new IndexedMailStore.IndexedGreenMail(new ServerSetup(imapPort, "127.0.0.1",
				ServerSetup.PROTOCOL_IMAP));
		greenMail.start();
		// the bounce mailbox newsletter-service reads (its local profile): there before the first bounce arrives
		greenMail.setUser(BOUNCE_ADDRESS, BOUNCE_ADDRESS, BOUNCE_ADDRESS);
		HttpServer inbox = HttpServer.create(new InetSocketAddress("127.0.0.1", inboxPort), 0);
		var server = new DevMailServer(greenMail, new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
				inbox);
		server.startSmtp();
		inbox.createContext("/", server::handle);
		inbox.start();
		return server;
	}

	/** Starts accepting mail over SMTP again, into the same store (no-op while running). */
	synchronized void startSmtp() {
		if (smtp != null) {
			return;
		}
		var server = new SmtpServer(smtpSetup, greenMail.getManagers());
		server.startService();
		try {
			if (!server.waitTillRunning(smtpSetup.getServerStartupTimeout())) {
				server.stopService();
				throw new IllegalStateException("SMTP did not start on port " + smtpSetup.getPort());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while starting SMTP", e);
		}
		smtp = server;
	}

	/** Stops SMTP (connections refused, open sessions cut); the received mails stay readable. */
	synchronized void stopSmtp() {
		if (smtp != null) {
			smtp.stopService();
			smtp = null;
		}
	}

	/** Adds a listener that hears each recipient address at delivery, before the mail is stored. */
	void onDelivery(Consumer<String> listener) {
		listeners.add(listener);
	}

	void purge() {
		try {
			greenMail.purgeEmailFromAllMailboxes();
		}
		catch (FolderException e) {
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Removes every address's mailbox with its mails, except the bounce mailbox: the server holds as few addresses as
	 * after its start (what a new address costs GreenMail grows with the addresses it holds). Returns how many.
	 */
	int removeMailboxes() {
		UserManager users = greenMail.getUserManager();
		ImapHostManager imap = greenMail.getManagers().getImapHostManager();
		int removed = 0;
		for (GreenMailUser user : List.copyOf(users.listUser())) {
			if (user.getEmail().equalsIgnoreCase(BOUNCE_ADDRESS)) {
				continue;
			}
			try {
				imap.getInbox(user).deleteAllMessages(); // GreenMail deletes only empty mailboxes
			}
			catch (FolderException e) {
				throw new IllegalStateException(e);
			}
			users.deleteUser(user);
			removed++;
		}
		return removed;
	}

	List<MimeMessage> messages() {
		return List.of(greenMail.getReceivedMessages());
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			List<MimeMessage> messages = messages();
			String html;
			int status = 200;
			if (path.equals("/")) {
				html = list(messages);
			}
			else if (path.matches("/messages/\\d{1,9}") && Integer.parseInt(path.substring(10)) < messages.size()) {
				html = show(messages.get(Integer.parseInt(path.substring(10))));
			}
			else {
				status = 404;
				html = page("Not found", "<p>No such mail. <a href=\"/\">Back to the inbox</a></p>");
			}
			byte[] body = html.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		}
		catch (MessagingException e) {
			exchange.sendResponseHeaders(500, -1);
		}
	}

	private static String list(List<MimeMessage> messages) throws MessagingException {
		StringBuilder rows = new StringBuilder();
		for (int i = messages.size() - 1; i >= 0; i--) {
			MimeMessage m = messages.get(i);
			rows.append("<tr><td>").append(escape(String.valueOf(m.getSentDate()))).append("</td><td>")
				.append(escape(addresses(m.getAllRecipients()))).append("</td><td><a href=\"/messages/").append(i)
				.append("\">").append(escape(m.getSubject())).append("</a></td></tr>\n");
		}
		return page("Dev inbox (" + messages.size() + ")", messages.isEmpty() ? "<p>No mail yet.</p>"
				: "<table><thead><tr><th>Sent</th><th>To</th><th>Subject</th></tr></thead><tbody>" + rows
						+ "</tbody></table>");
	}

	private static String show(MimeMessage m) throws MessagingException {
		String unsubscribe = m.getHeader("List-Unsubscribe", null);
		String body = LINK.matcher(escape(text(m)))
			.replaceAll(match -> "<a href=\"" + Matcher.quoteReplacement(match.group()) + "\">"
					+ Matcher.quoteReplacement(match.group()) + "</a>");
		return page(escape(m.getSubject()), "<p><a href=\"/\">← Inbox</a></p><dl><dt>From</dt><dd>"
				+ escape(addresses(m.getFrom())) + "</dd><dt>To</dt><dd>" + escape(addresses(m.getAllRecipients()))
				+ "</dd>" + (unsubscribe == null ? "" : "<dt>List-Unsubscribe</dt><dd>" + escape(unsubscribe)
						+ "</dd><dt>List-Unsubscribe-Post</dt><dd>" + escape(m.getHeader("List-Unsubscribe-Post", null))
						+ "</dd>")
				+ "</dl><pre>" + body + "</pre>");
	}

	/** The decoded text of a mail: its plain-text part, or the raw body of anything else. */
	static String text(MimeMessage message) throws MessagingException {
		try {
			Object content = message.getContent();
			if (content instanceof String text) {
				return text;
			}
			if (content instanceof Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					if (multipart.getBodyPart(i).isMimeType("text/plain")) {
						return (String) multipart.getBodyPart(i).getContent();
					}
				}
			}
		}
		catch (IOException e) {
			throw new MessagingException("unreadable mail body", e);
		}
		return GreenMailUtil.getBody(message);
	}

	private static String page(String title, String content) {
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
				+ "</title><style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem}td,th{padding:.3rem .8rem;"
				+ "text-align:left}pre{white-space:pre-wrap}dt{font-weight:600}</style></head><body><h1>" + title
				+ "</h1>" + content + "</body></html>";
	}

	private static String addresses(Address[] addresses) {
		return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
	}

	private static String escape(String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

	@Override
	public void close() {
		inbox.stop(0);
		stopSmtp();
		greenMail.stop();
	}
}
