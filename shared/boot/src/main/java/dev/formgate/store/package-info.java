/** How every service talks to its MongoDB: driver timeouts short enough that an outage is answered, not waited out. */
package dev.formgate.store;
