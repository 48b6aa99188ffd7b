/** Retention by policy: closed requests are purged after their period unless under legal hold. */
package dev.formgate.contact.retention;
