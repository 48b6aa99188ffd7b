package dev.formgate.infra;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.imap.ImapHostManagerImpl;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.InMemoryStore;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GreenMail's in-memory mail store with an index of its mailboxes by name. GreenMail keeps every address's mailboxes
 * as children of one folder in a list and finds a mailbox by walking its path, comparing each child's name in turn:
 * each delivery looked its inbox up through a list as long as the addresses the server had seen (most of the dev mail
 * server's CPU time in a campaign of tens of thousands, BENCHMARKS.md). Here a mailbox, once found, is found again by
 * its name in a sorted map; what the store holds, how it is created, read over IMAP or deleted is GreenMail's own.
 * Creating a mailbox still checks GreenMail's list for a twin (an equality test per address, far cheaper than the
 * lookups were).
 */
final class IndexedMailStore extends InMemoryStore {

	/** Mailboxes found so far, by their full name in lower case (GreenMail's lookup ignores case). */
	private final ConcurrentNavigableMap<String, MailFolder> byName = new ConcurrentSkipListMap<>();
	/** Counts deletions and renames: a lookup that overlapped one does not stay in the index. */
	private final AtomicLong changes = new AtomicLong();

	@Override
	public MailFolder getMailbox(String absoluteMailboxName) {
		String key = absoluteMailboxName.toLowerCase(Locale.ROOT);
		MailFolder found = byName.get(key);
		if (found != null) {
			return found;
		}
		long seen = changes.get();
		found = super.getMailbox(absoluteMailboxName);
		if (found != null) {
			byName.put(key, found);
			if (changes.get() != seen) {
				byName.remove(key, found); // it may have been deleted or renamed meanwhile
			}
		}
		return found;
	}

	@Override
	public MailFolder getMailbox(MailFolder parent, String name) {
		String parentName = parent.getFullName();
		// inside the user namespace by full name; anything else (the root) as GreenMail finds it
		boolean users = parentName != null && parentName.regionMatches(true, 0, USER_NAMESPACE, 0,
				USER_NAMESPACE.length());
		return users ? getMailbox(parentName + HIERARCHY_DELIMITER + name) : super.getMailbox(parent, name);
	}

	@Override
	public void deleteMailbox(MailFolder folder) throws FolderException {
		String fullName = folder.getFullName();
		super.deleteMailbox(folder);
		forget(fullName);
	}

	@Override
	public void renameMailbox(MailFolder existingFolder, String newName) {
		String oldName = existingFolder.getFullName();
		super.renameMailbox(existingFolder, newName);
		forget(oldName);
	}

	/** The mailbox and every mailbox below it are looked up anew next time. */
	private void forget(String fullName) {
		String key = fullName.toLowerCase(Locale.ROOT);
		changes.incrementAndGet();
		byName.remove(key);
		byName.subMap(key + HIERARCHY_DELIMITER, key + (char) (HIERARCHY_DELIMITER_CHAR + 1)).clear();
	}

	/** GreenMail's managers over this store: users, IMAP and SMTP as GreenMail builds them. */
	static final class IndexedManagers extends Managers {

		private final ImapHostManager imap = new ImapHostManagerImpl(new IndexedMailStore());
		private final UserManager users = new UserManager(imap);
		private final SmtpManager smtp = new SmtpManager(imap, users);

		@Override
		public ImapHostManager getImapHostManager() {
			return imap;
		}

		@Override
		public UserManager getUserManager() {
			return users;
		}

		@Override
		public SmtpManager getSmtpManager() {
			return smtp;
		}
	}

	/** GreenMail whose servers all use {@link IndexedManagers} (a new set when it is started again after a stop). */
	static final class IndexedGreenMail extends GreenMail {

		IndexedGreenMail(ServerSetup setup) {
			super(setup);
		}

		@Override
		protected Map<String, com.icegreen.greenmail.server.AbstractServer> createServices(ServerSetup[] config,
				Managers given) {
			if (!(managers instanceof IndexedManagers)) {
				managers = new IndexedManagers();
			}
			return super.createServices(config, managers);
		}
	}
}
