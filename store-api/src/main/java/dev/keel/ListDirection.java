package dev.keel;

/** The end of a list a command works on, named as Redis names it. */
public enum ListDirection {
    /** The head, where LPUSH pushes. */
    LEFT,
    /** The tail, where RPUSH pushes. */
    RIGHT
}
