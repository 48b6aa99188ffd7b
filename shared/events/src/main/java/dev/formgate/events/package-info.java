/** What crosses service boundaries: topic names, CloudEvents envelope, event records and the pseudonymous subjectRef. */
package dev.formgate.events;
