#include "http/server.h"

#include <spdlog/spdlog.h>

#include <boost/asio.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <limits>
#include <thread>

namespace xiaoan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct Server::Impl {
  ServerOptions opt;
  Dispatch dispatch;
  TooLarge too_large;
  BodyLimitFor body_limit_for;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  std::unique_ptr<asio::thread_pool> workers, read_workers;
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  std::atomic<int64_t> in_flight{0};
  std::atomic<bool> stopping{false};
  std::unique_ptr<asio::steady_timer> drain_timer;
  std::chrono::steady_clock::time_point drain_deadline;

  void do_accept();
  void begin_stop();
  void check_drained();
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& srv) : stream_(std::move(socket)), srv_(srv) {}

  void start() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&Session::read, shared_from_this()));
  }

 private:
  // The header first, so the body limit can depend on the route; then the body.
  void read() {
    parser_.emplace();
    parser_->header_limit(16 * 1024);
    // Decided in on_header once the route is known. (Not boost::none: Beast 1.74 compares a
    // Content-Length with an empty optional as "over the limit".)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(std::chrono::seconds(srv_.opt.request_timeout_s));
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::header_limit) {
      // Answer instead of dropping the connection: 414 when the request line itself did not fit
      // (the parser has no target yet), else 431.
      bool uri = parser_->get().target().empty();
      refuse(uri ? 414 : 431, uri ? "uri_too_long" : "headers_too_large");
      return;
    }
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
        ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      // A malformed request (a bad request line, header or framing) is answered, then closed.
      spdlog::debug("header: {}", ec.message());
      refuse(400, "bad_request");
      return;
    }
    if (ec) {
      spdlog::debug("header: {}", ec.message());
      close();
      return;
    }
    head_ = parser_->get().method() == bhttp::verb::head;
    // Request smuggling: a body framed by anything but a single, final "chunked" is refused,
    // and so is a message that carries both Transfer-Encoding and Content-Length.
    if (auto te = parser_->get().count(bhttp::field::transfer_encoding); te > 0) {
      std::string v(parser_->get()[bhttp::field::transfer_encoding]);
      for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(0, 1);
      if (te > 1 || v != "chunked" ||
          parser_->get().count(bhttp::field::content_length) > 0) {
        refuse(400, "bad_transfer_encoding");
        return;
      }
    }
    size_t limit = srv_.opt.body_limit;
    if (srv_.body_limit_for) {
      const auto& h = parser_->get();
      size_t route = srv_.body_limit_for(std::string(h.method_string()), std::string(h.target()));
      if (route) limit = route;
    }
    limit_ = limit;
    // Beast checks a Content-Length against the limit only while parsing the header: check it
    // here; chunked bodies are checked as they arrive.
    auto length = parser_->content_length();
    if (length && *length > limit) {
      refuse_too_large();
      return;
    }
    parser_->body_limit(limit);
    bhttp::async_read(stream_, buffer_, *parser_,
                      beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
      refuse_too_large();
      return;
    }
    if (ec) {
      spdlog::debug("read: {}", ec.message());
      close();
      return;
    }
    auto& msg = parser_->get();
    keep_alive_ = msg.keep_alive() && !srv_.stopping;
    auto req = std::make_shared<Request>(to_request(msg));
    req->body = std::move(msg.body());
    beast::error_code ep_ec;
    auto ep = stream_.socket().remote_endpoint(ep_ec);
    if (!ep_ec) req->remote_ip = ep.address().to_string();
    srv_.in_flight++;
    // Handlers may block on storage: run them on a worker pool, then write on our strand.
    bool read = req->method == "GET" || req->method == "HEAD";
    asio::post(read ? *srv_.read_workers : *srv_.workers, [self = shared_from_this(), req] {
      Response resp;
      try {
        resp = self->srv_.dispatch(*req);
      } catch (const std::exception& e) {
        spdlog::error("unhandled exception in dispatch: {}", e.what());
        resp = Response::error(Error::internal(e.what()), req->lang);
      }
      auto deliver = [self](Response r) {
        asio::post(self->stream_.get_executor(),
                   [self, r = std::move(r)]() mutable { self->send(std::move(r)); });
      };
      // A write waiting for its commit holds no worker: its answer is sent when it arrives.
      if (resp.pending) resp.pending->on_complete(std::move(deliver));
      else deliver(std::move(resp));
    });
  }

  // An answer to a request whose header could not be accepted; the connection closes after it.
  void refuse(int status, const char* message_key) {
    keep_alive_ = false;
    linger_ = true;  // the client may still be sending what we refused
    srv_.in_flight++;
    Response r = Response::error({ErrorCode::kInvalid, "", message_key, {}}, Lang::kZh);
    r.status = status;
    send(std::move(r));
  }

  void refuse_too_large() {
    Request req = to_request(parser_->get());
    keep_alive_ = false;
    linger_ = true;  // the client is still sending the body it was refused
    srv_.in_flight++;
    send(srv_.too_large(req, limit_));
  }

  static Request to_request(const bhttp::request<bhttp::string_body>& msg) {
    Request r;
    r.method = std::string(msg.method_string());
    r.target = std::string(msg.target());
    auto q = r.target.find('?');
    r.path = url_decode(r.target.substr(0, q), false);
    if (q != std::string::npos) r.query = parse_query(std::string_view(r.target).substr(q + 1));
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      r.headers[name] = std::string(f.value());
    }
    r.lang = parse_accept_language(r.header("accept-language"));
    return r;
  }

  void send(Response resp) {
    auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
    res->version(11);
    res->result(static_cast<unsigned>(resp.status));
    res->set(bhttp::field::server, "xiaoan");
    if (!resp.content_type.empty()) res->set(bhttp::field::content_type, resp.content_type);
    for (auto& [k, v] : resp.headers) res->insert(k, v);
    res->keep_alive(keep_alive_ && !srv_.stopping);
    if (head_) {
      // HEAD: the length the GET would have, and no body (a body here would be read as the
      // start of the next response on a pipelined connection).
      res->content_length(resp.body.size());
    } else {
      res->body() = std::move(resp.body);
      res->prepare_payload();
    }
    stream_.expires_after(std::chrono::seconds(srv_.opt.request_timeout_s));
    bhttp::async_write(stream_, *res,
                       [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
                         self->srv_.in_flight--;
                         if (!ec && self->linger_) {
                           self->linger();
                           return;
                         }
                         if (ec || !res->keep_alive()) {
                           self->close();
                           return;
                         }
                         self->read();
                       });
  }

  // Lingering close: stop sending, then read and discard what the client still sends (bounded in
  // bytes and time) so it can finish writing and read our response instead of a reset.
  void linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(std::chrono::seconds(5));
    discard_.resize(64 * 1024);
    drain();
  }

  void drain() {
    stream_.async_read_some(asio::buffer(discard_), [self = shared_from_this()](beast::error_code ec,
                                                                                  std::size_t n) {
      self->discarded_ += n;
      if (ec || self->discarded_ > 64u * 1024 * 1024) {
        self->close();
        return;
      }
      self->drain();
    });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Server::Impl& srv_;
  bool keep_alive_ = true;
  bool linger_ = false;
  bool head_ = false;
  size_t limit_ = 0;
  std::vector<char> discard_;
  size_t discarded_ = 0;
};

}  // namespace

void Server::Impl::do_accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket s) {
    if (stopping) return;
    if (!ec) {
      s.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(s), *this)->start();
    }
    do_accept();
  });
}

void Server::Impl::begin_stop() {
  if (stopping.exchange(true)) return;
  spdlog::info("shutting down: no new connections, draining {} request(s)", in_flight.load());
  beast::error_code ec;
  acceptor.close(ec);
  signals.cancel(ec);
  drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(opt.drain_timeout_s);
  drain_timer = std::make_unique<asio::steady_timer>(ioc);
  check_drained();
}

void Server::Impl::check_drained() {
  if (in_flight.load() == 0 || std::chrono::steady_clock::now() > drain_deadline) {
    ioc.stop();  // idle keep-alive connections are dropped with the context
    return;
  }
  drain_timer->expires_after(std::chrono::milliseconds(20));
  drain_timer->async_wait([this](beast::error_code) { check_drained(); });
}

Server::Server(ServerOptions options, Dispatch dispatch, TooLarge too_large,
               BodyLimitFor body_limit_for)
    : impl_(std::make_unique<Impl>()) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  if (options.io_threads <= 0) options.io_threads = static_cast<int>(cores);
  if (options.workers <= 0) options.workers = static_cast<int>(cores * 4);
  if (options.read_workers <= 0) options.read_workers = static_cast<int>(cores * 2);
  impl_->opt = std::move(options);
  impl_->dispatch = std::move(dispatch);
  impl_->too_large = std::move(too_large);
  impl_->body_limit_for = std::move(body_limit_for);
  impl_->workers = std::make_unique<asio::thread_pool>(impl_->opt.workers);
  impl_->read_workers = std::make_unique<asio::thread_pool>(impl_->opt.read_workers);
}

Server::~Server() {
  if (impl_->workers) impl_->workers->join();
  if (impl_->read_workers) impl_->read_workers->join();
}

uint16_t Server::listen() {
  auto& a = impl_->acceptor;
  tcp::endpoint ep(asio::ip::make_address(impl_->opt.address), impl_->opt.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  return a.local_endpoint().port();
}

void Server::run() {
  impl_->signals.async_wait([this](beast::error_code ec, int) {
    if (!ec) impl_->begin_stop();
  });
  impl_->do_accept();
  std::vector<std::thread> threads;
  for (int i = 1; i < impl_->opt.io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& t : threads) t.join();
  impl_->workers->join();  // every dispatched handler has finished
  impl_->read_workers->join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_stop(); });
}

int64_t Server::in_flight() const { return impl_->in_flight.load(); }

}  // namespace xiaoan::http
