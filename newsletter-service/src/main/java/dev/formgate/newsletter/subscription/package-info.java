/** Double opt-in subscriptions, their consent proof, and the outbox that relays their events and mails. */
package dev.formgate.newsletter.subscription;
