// A small C shim over Debian's libjpeg-turbo and libpng (both on every
// machine that builds Hromada): no Swift package decodes and resizes JPEG
// and PNG, and writing decoders ourselves would be slower and riskier than
// these maintained libraries. Kept to what the photo variants need.
#include "image_scale.h"

// jpeglib.h needs FILE declared before it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <png.h>

enum { OK = 0, UNSUPPORTED = 1, DAMAGED = 2, NOT_NEEDED = 3, NO_MEMORY = 4, BAD_ARGUMENTS = 5 };

typedef struct {
    struct jpeg_error_mgr manager;
    jmp_buf escape;
} jpeg_error_escape;

static void jpeg_escape(j_common_ptr info) {
    jpeg_error_escape *error = (jpeg_error_escape *)info->err;
    longjmp(error->escape, 1);
}

// Warnings (a truncated file, for one) are not printed to stderr.
static void jpeg_quiet(j_common_ptr info, int level) {
    (void)info;
    (void)level;
}

/// An RGB image, 3 bytes a pixel, row after row.
typedef struct {
    uint8_t *pixels;
    int width;
    int height;
} rgb_image;

static int decode_jpeg(const uint8_t *input, size_t length, int target, int max_pixels, rgb_image *image) {
    struct jpeg_decompress_struct info;
    jpeg_error_escape error;
    // volatile: read after a longjmp.
    uint8_t *volatile pixels = NULL;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_escape;
    error.manager.emit_message = jpeg_quiet;
    if (setjmp(error.escape)) {
        jpeg_destroy_decompress(&info);
        free(pixels);
        return DAMAGED;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, input, (unsigned long)length);
    if (jpeg_read_header(&info, TRUE) != JPEG_HEADER_OK) {
        jpeg_destroy_decompress(&info);
        return DAMAGED;
    }
    if ((long long)info.image_width * info.image_height > max_pixels) {
        jpeg_destroy_decompress(&info);
        return DAMAGED;
    }
    if ((int)info.image_width <= target) {
        jpeg_destroy_decompress(&info);
        return NOT_NEEDED;
    }
    // The DCT scales by 1/2, 1/4, 1/8 almost for free; never below the target.
    info.scale_num = 1;
    info.scale_denom = 1;
    for (unsigned denominator = 8; denominator > 1; denominator /= 2) {
        if ((int)(info.image_width / denominator) >= target) {
            info.scale_denom = denominator;
            break;
        }
    }
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * 3;
    pixels = malloc(stride * info.output_height);
    if (pixels == NULL) {
        jpeg_destroy_decompress(&info);
        return NO_MEMORY;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + (size_t)info.output_scanline * stride;
        jpeg_read_scanlines(&info, &row, 1);
    }
    image->width = (int)info.output_width;
    image->height = (int)info.output_height;
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    image->pixels = pixels;
    return OK;
}

static int decode_png(const uint8_t *input, size_t length, int target, int max_pixels, rgb_image *image) {
    png_image png;
    memset(&png, 0, sizeof png);
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&png, input, length)) return DAMAGED;
    if ((long long)png.width * png.height > max_pixels) {
        png_image_free(&png);
        return DAMAGED;
    }
    if ((int)png.width <= target) {
        png_image_free(&png);
        return NOT_NEEDED;
    }
    // Transparency is laid on white: a JPEG has none, and pages are white.
    png.format = PNG_FORMAT_RGB;
    png_color white = {255, 255, 255};
    uint8_t *pixels = malloc(PNG_IMAGE_SIZE(png));
    if (pixels == NULL) {
        png_image_free(&png);
        return NO_MEMORY;
    }
    if (!png_image_finish_read(&png, &white, pixels, 0, NULL)) {
        free(pixels);
        return DAMAGED;
    }
    image->pixels = pixels;
    image->width = (int)png.width;
    image->height = (int)png.height;
    return OK;
}

/// Area averaging: each output pixel is the mean of the source pixels it covers,
/// in fixed point; sharp enough for photos and never aliased.
static int shrink(const rgb_image *source, int width, rgb_image *result) {
    int height = (int)(((long long)source->height * width + source->width / 2) / source->width);
    if (height < 1) height = 1;
    uint8_t *pixels = malloc((size_t)width * height * 3);
    uint32_t *sums = calloc((size_t)width * 3, sizeof(uint32_t));
    uint32_t *counts = calloc((size_t)width, sizeof(uint32_t));
    if (pixels == NULL || sums == NULL || counts == NULL) {
        free(pixels);
        free(sums);
        free(counts);
        return NO_MEMORY;
    }
    // Which output column each source column falls into.
    int *column = malloc((size_t)source->width * sizeof(int));
    if (column == NULL) {
        free(pixels);
        free(sums);
        free(counts);
        return NO_MEMORY;
    }
    for (int x = 0; x < source->width; x++) column[x] = (int)((long long)x * width / source->width);
    int y = 0;
    for (int row = 0; row < height; row++) {
        int last = (int)((long long)(row + 1) * source->height / height);
        if (last <= y) last = y + 1;
        if (last > source->height) last = source->height;
        memset(sums, 0, (size_t)width * 3 * sizeof(uint32_t));
        memset(counts, 0, (size_t)width * sizeof(uint32_t));
        for (; y < last; y++) {
            const uint8_t *line = source->pixels + (size_t)y * source->width * 3;
            for (int x = 0; x < source->width; x++) {
                int to = column[x];
                sums[to * 3] += line[x * 3];
                sums[to * 3 + 1] += line[x * 3 + 1];
                sums[to * 3 + 2] += line[x * 3 + 2];
                counts[to] += 1;
            }
        }
        uint8_t *out = pixels + (size_t)row * width * 3;
        for (int x = 0; x < width; x++) {
            uint32_t n = counts[x] ? counts[x] : 1;
            out[x * 3] = (uint8_t)((sums[x * 3] + n / 2) / n);
            out[x * 3 + 1] = (uint8_t)((sums[x * 3 + 1] + n / 2) / n);
            out[x * 3 + 2] = (uint8_t)((sums[x * 3 + 2] + n / 2) / n);
        }
    }
    free(column);
    free(sums);
    free(counts);
    result->pixels = pixels;
    result->width = width;
    result->height = height;
    return OK;
}

static int encode_jpeg(const rgb_image *image, int quality, uint8_t **out, size_t *out_length) {
    struct jpeg_compress_struct info;
    jpeg_error_escape error;
    unsigned char *volatile buffer = NULL;
    unsigned long size = 0;
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = jpeg_escape;
    error.manager.emit_message = jpeg_quiet;
    if (setjmp(error.escape)) {
        jpeg_destroy_compress(&info);
        free(buffer);
        return NO_MEMORY;
    }
    jpeg_create_compress(&info);
    unsigned char *target = NULL;
    jpeg_mem_dest(&info, &target, &size);
    info.image_width = (JDIMENSION)image->width;
    info.image_height = (JDIMENSION)image->height;
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, quality, TRUE);
    // Progressive: a phone on a slow line sees the whole picture soon, then sharper.
    jpeg_simple_progression(&info);
    info.optimize_coding = TRUE;
    jpeg_start_compress(&info, TRUE);
    size_t stride = (size_t)image->width * 3;
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = image->pixels + (size_t)info.next_scanline * stride;
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    buffer = target;
    jpeg_destroy_compress(&info);
    *out = buffer;
    *out_length = size;
    return OK;
}

int hromada_image_scale(const uint8_t *input, size_t length, int width, int quality, int max_pixels,
                        uint8_t **out, size_t *out_length, int *out_height) {
    if (input == NULL || length < 8 || width < 1 || width > 10000 || quality < 1 || quality > 100 || max_pixels < 1 || out == NULL ||
        out_length == NULL || out_height == NULL)
        return BAD_ARGUMENTS;
    rgb_image decoded = {NULL, 0, 0};
    int status;
    if (input[0] == 0xFF && input[1] == 0xD8) {
        status = decode_jpeg(input, length, width, max_pixels, &decoded);
    } else if (memcmp(input, "\x89PNG\r\n\x1a\n", 8) == 0) {
        status = decode_png(input, length, width, max_pixels, &decoded);
    } else {
        return UNSUPPORTED;
    }
    if (status != OK) return status;
    rgb_image small = decoded;
    if (decoded.width > width) {
        status = shrink(&decoded, width, &small);
        free(decoded.pixels);
        if (status != OK) return status;
    }
    uint8_t *encoded = NULL;
    size_t size = 0;
    status = encode_jpeg(&small, quality, &encoded, &size);
    free(small.pixels);
    if (status != OK) return status;
    *out = encoded;
    *out_length = size;
    *out_height = small.height;
    return OK;
}

void hromada_image_free(uint8_t *buffer) { free(buffer); }
