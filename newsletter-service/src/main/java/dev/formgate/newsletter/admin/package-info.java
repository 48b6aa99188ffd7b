/** Staff actions on subscriptions, behind an admin credential: unsubscribing an address on request. */
package dev.formgate.newsletter.admin;
