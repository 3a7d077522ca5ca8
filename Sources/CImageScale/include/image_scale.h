#ifndef HROMADA_IMAGE_SCALE_H
#define HROMADA_IMAGE_SCALE_H

#include <stddef.h>
#include <stdint.h>

/// Makes a smaller copy of a JPEG or PNG photo as a JPEG, for pages that
/// should never send the original (docs/architecture.md, "Uploads").
///
/// The photo is decoded with libjpeg-turbo (scaled by 1/2, 1/4 or 1/8
/// while decoding when that still leaves at least `width` pixels) or
/// libpng (transparency laid on white), averaged down to exactly `width`
/// pixels across (the height keeps the aspect ratio), and encoded at
/// `quality` (1–100). Errors never end the process: libjpeg's are caught
/// with setjmp and libpng's simplified API returns them.
///
/// Returns 0 and sets `*out` (free with `hromada_image_free`), `*out_length`,
/// `*out_height`; or a nonzero code and leaves them untouched:
/// 1 not a JPEG or PNG, 2 damaged, 3 no smaller copy is needed (the photo is
/// at most `width` wide), 4 out of memory, 5 bad arguments.
int hromada_image_scale(const uint8_t *input, size_t length, int width, int quality, int max_pixels,
                        uint8_t **out, size_t *out_length, int *out_height);

void hromada_image_free(uint8_t *buffer);

#endif
