// ESP-IDF's esp_random.h as the interop uses it, for the host test: esp_fill_random is defined by
// simulated_clr.cpp with a deterministic generator.
#ifndef NANOCARD_TEST_ESP_RANDOM_H
#define NANOCARD_TEST_ESP_RANDOM_H

#include <stddef.h>

void esp_fill_random(void *buf, size_t len);

#endif
