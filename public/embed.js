/* Kepu activities widget (decision 037): <script src="https://…/embed.js" data-venue="slug" async></script>
   inserts an iframe of /embed/activities where the script tag is. data-venue, data-district, data-type, data-lang,
   data-large="1", data-limit, data-height. It never blocks the host page (async) and adds nothing else to it. */
;(function () {
  var s = document.currentScript
  if (!s || !s.src) return
  var base = s.src.replace(/\/embed\.js(\?.*)?$/, '')
  var q = []
  ;['venue', 'district', 'type', 'lang', 'large', 'limit'].forEach(function (k) {
    var v = s.getAttribute('data-' + k)
    if (v) q.push(k + '=' + encodeURIComponent(v))
  })
  var f = document.createElement('iframe')
  f.src = base + '/embed/activities' + (q.length ? '?' + q.join('&') : '')
  f.title = s.getAttribute('data-lang') === 'en' ? 'Upcoming science activities' : '即将举办的科普活动'
  f.loading = 'lazy'
  f.style.cssText = 'border:0;width:100%;max-width:100%;height:' + (parseInt(s.getAttribute('data-height'), 10) || 420) + 'px'
  s.parentNode.insertBefore(f, s)
})()
