package io.kinglet.sensehat.internal;

/** What the Sense HAT measures, with the unit people read and the one metric names carry. */
enum Quantity {
    TEMPERATURE("°C", "celsius"),
    /** The HTS221's own reading, when {@code temperature} is compensated for the CPU's heat. */
    TEMPERATURE_UNCOMPENSATED("°C", "celsius"),
    /** From the thermal zone: what the compensation subtracts from. */
    CPU_TEMPERATURE("°C", "celsius"),
    HUMIDITY("%rH", "percent"),
    PRESSURE("hPa", "hectopascals"),
    /** The LPS25H's own temperature: near the board, so warmer than the air when the CPU is busy. */
    BAROMETER_TEMPERATURE("°C", "celsius"),
    ACCELERATION_X("g", "g"),
    ACCELERATION_Y("g", "g"),
    ACCELERATION_Z("g", "g"),
    ROTATION_X("dps", "degrees_per_second"),
    ROTATION_Y("dps", "degrees_per_second"),
    ROTATION_Z("dps", "degrees_per_second"),
    MAGNETIC_X("gauss", "gauss"),
    MAGNETIC_Y("gauss", "gauss"),
    MAGNETIC_Z("gauss", "gauss");

    final String unit;
    final String metricUnit;

    Quantity(String unit, String metricUnit) {
        this.unit = unit;
        this.metricUnit = metricUnit;
    }

    /** {@code temperature}, {@code acceleration_x}: in topics, metrics, the shell and configuration. */
    String label() {
        return name().toLowerCase();
    }
}
