/** Contact requests: received, routed to staff, answered, and kept only as long as needed. */
package dev.formgate.contact;
