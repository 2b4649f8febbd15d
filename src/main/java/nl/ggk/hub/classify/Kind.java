package nl.ggk.hub.classify;

/** The kinds of traffic the GGk carries. */
public enum Kind { CBS, IWMO, IJW, SVB, UNKNOWN }
