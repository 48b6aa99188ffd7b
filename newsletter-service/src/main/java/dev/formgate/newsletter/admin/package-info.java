/** Staff actions on subscriptions, for holders of the newsletter-editor role: unsubscribing an address on request. */
package dev.formgate.newsletter.admin;
