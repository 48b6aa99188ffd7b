/** Contact requests: the aggregate with its processing state, notes and legal hold, and the outbox that relays its events and mails. */
package dev.formgate.contact.request;
