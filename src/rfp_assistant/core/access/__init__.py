"""Access control that does not depend on any interface: the login throttle."""
