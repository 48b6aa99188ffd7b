/** The mails contact-service sends: staff notifications with the sender as Reply-To, acknowledgements without user text. */
package dev.formgate.contact.mail;
