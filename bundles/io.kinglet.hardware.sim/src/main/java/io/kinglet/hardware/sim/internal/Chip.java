package io.kinglet.hardware.sim.internal;

/** A chip as the bus master sees it: a register file behind a 7-bit address. */
interface Chip {

    /** The part as the shell names it: {@code hts221}, {@code lps25h} or {@code lsm9ds1}. */
    String part();

    int address();

    /** One write transfer: the sub-address (register pointer, with the chip's own flag bits), then data. */
    void write(int register, byte... data);

    /** One read transfer starting at the sub-address; how the pointer moves is the chip's rule. */
    byte[] read(int register, int length);

    /** Power and data rate as the driver set them, for {@code sim:status}. */
    String mode();
}
