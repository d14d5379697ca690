#include "core/qr.h"

#include <qrencode.h>

#include <stdexcept>

namespace xiaoan {

std::string qr_svg(const std::string& text) {
  QRcode* q = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!q) throw std::runtime_error("QR encoding failed");
  const int w = q->width, quiet = 4, size = w + 2 * quiet;
  std::string path;
  path.reserve(static_cast<size_t>(w) * w * 4);
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x)
      if (q->data[y * w + x] & 1)
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  QRcode_free(q);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" " +
         "height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace xiaoan
