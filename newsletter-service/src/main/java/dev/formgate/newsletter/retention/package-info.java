/** Retention by policy: unconfirmed sign-ups and expired consent proof are purged on a schedule. */
package dev.formgate.newsletter.retention;
